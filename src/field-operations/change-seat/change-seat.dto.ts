import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { HasText, IsPartialDate } from '../../http/validators';
import { type ProvenanceDto, SourcedBy } from '../provenance.dto';

export class ChangeSeatDto {
  @ApiProperty({ example: 'Astana', description: 'The new seat (city)' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @HasText()
  seat!: string;

  @ApiProperty({
    example: '2007',
    description: 'First day at the new seat (YYYY, YYYY-MM or YYYY-MM-DD)',
  })
  @IsPartialDate()
  effectiveOn!: string;

  @ApiPropertyOptional({ example: 'PC.DEC/797', description: 'Reference of a registered decision' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  decision?: string;

  @SourcedBy()
  provenance?: ProvenanceDto;
}
