import { ApiProperty } from '@nestjs/swagger';
import { type ProvenanceDto, SourcedBy } from '../../field-operations/provenance.dto';
import { IsPartialDate } from '../../http/validators';

export class SuspendStateDto {
  @ApiProperty({ example: '1992-07-08', description: 'First day of the suspension' })
  @IsPartialDate()
  suspendedOn!: string;

  @SourcedBy()
  provenance?: ProvenanceDto;
}
