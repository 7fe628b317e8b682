import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { type ProvenanceDto, SourcedBy } from '../../field-operations/provenance.dto';
import { HasText, IsPartialDate, IsSlug } from '../../http/validators';

export class AdmitStateDto {
  @ApiProperty({ example: 'belarus', description: 'Stable public id (kebab-case slug)' })
  @IsSlug()
  id!: string;

  @ApiProperty({ example: 'Belarus' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @HasText()
  name!: string;

  @ApiProperty({ example: '1992-01-30', description: 'YYYY, YYYY-MM or YYYY-MM-DD' })
  @IsPartialDate()
  admittedOn!: string;

  @SourcedBy()
  provenance?: ProvenanceDto;
}
