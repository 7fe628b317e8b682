import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { type ProvenanceDto, SourcedBy } from '../../field-operations/provenance.dto';
import { HasText, IsPartialDate } from '../../http/validators';

export class RenameStateDto {
  @ApiProperty({ example: 'Serbia and Montenegro' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @HasText()
  name!: string;

  @ApiProperty({ example: '2003-02-04', description: 'First day of the new name' })
  @IsPartialDate()
  effectiveOn!: string;

  @SourcedBy()
  provenance?: ProvenanceDto;
}
