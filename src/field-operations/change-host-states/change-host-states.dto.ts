import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';
import { IsPartialDate, IsSlug } from '../../http/validators';
import { type ProvenanceDto, SourcedBy } from '../provenance.dto';

export class ChangeHostStatesDto {
  @ApiProperty({
    type: [String],
    example: ['serbia'],
    description: 'Ids of registered participating States hosting the operation from effectiveOn',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsSlug({ each: true })
  hostStates!: string[];

  @ApiProperty({ example: '2006-06-03', description: 'YYYY, YYYY-MM or YYYY-MM-DD' })
  @IsPartialDate()
  effectiveOn!: string;

  @ApiPropertyOptional({ example: 'PC.DEC/733', description: 'Reference of a registered decision' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  decision?: string;

  @SourcedBy()
  provenance?: ProvenanceDto;
}
