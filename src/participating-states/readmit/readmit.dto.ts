import { ApiProperty } from '@nestjs/swagger';
import { type ProvenanceDto, SourcedBy } from '../../field-operations/provenance.dto';
import { IsPartialDate } from '../../http/validators';

export class ReadmitStateDto {
  @ApiProperty({ example: '2000-11-10', description: 'First day it participates again' })
  @IsPartialDate()
  readmittedOn!: string;

  @SourcedBy()
  provenance?: ProvenanceDto;
}
