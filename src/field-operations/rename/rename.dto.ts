import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { HasText, IsPartialDate } from '../../http/validators';
import { type Kind, KINDS } from '../domain/kinds';
import { type ProvenanceDto, SourcedBy } from '../provenance.dto';

export class RenameFieldOperationDto {
  @ApiProperty({ example: 'OSCE Programme Office in Astana' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  @HasText()
  name!: string;

  @ApiPropertyOptional({ enum: KINDS, description: 'New kind, when the renaming changes it' })
  @IsOptional()
  @IsIn(KINDS)
  kind?: Kind;

  @ApiProperty({ example: '2015-01-01' })
  @IsPartialDate()
  effectiveOn!: string;

  @ApiPropertyOptional({ example: 'PC.DEC/1153' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  decision?: string;

  @SourcedBy()
  provenance?: ProvenanceDto;
}
