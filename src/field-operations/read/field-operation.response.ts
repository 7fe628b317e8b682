import { ApiProperty } from '@nestjs/swagger';
import { KINDS, type Kind } from '../domain/kinds';
import { ProvenanceDto } from '../provenance.dto';
import type { Status } from '../domain/view';

const DATE = 'A date as precise as its source: YYYY, YYYY-MM or YYYY-MM-DD';

export class MandateResponse {
  @ApiProperty({ example: 'to assist the Belarusian Government in further promoting ...' })
  summary!: string;
  @ApiProperty({ type: String, nullable: true, description: DATE, example: '2003-12-31' })
  until!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'PC.DEC/526' })
  decision!: string | null;
  @ApiProperty({
    description: 'True when `until` had passed on asOf and no extension covers the day',
    example: false,
  })
  lapsed!: boolean;
}

/** A field operation as it stood on `asOf`. */
export class FieldOperationResponse {
  @ApiProperty({ example: 'office-in-minsk' }) id!: string;
  @ApiProperty({ example: 'OSCE Office in Minsk' }) name!: string;
  @ApiProperty({ enum: KINDS, example: 'office' }) kind!: Kind;
  @ApiProperty({ type: [String], example: ['belarus'] }) hostStates!: string[];
  @ApiProperty({ type: String, nullable: true, example: 'Minsk' }) seat!: string | null;
  @ApiProperty({ enum: ['not-yet-established', 'active', 'closed'], example: 'active' })
  status!: Status;
  @ApiProperty({ description: DATE, example: '2003-01-01' }) establishedOn!: string;
  @ApiProperty({ type: String, nullable: true, description: `Last day of activity. ${DATE}` })
  closedOn!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'replaced' })
  closureReason!: string | null;
  @ApiProperty({ type: MandateResponse, nullable: true }) mandate!: MandateResponse | null;
  @ApiProperty({
    type: [String],
    description: 'Operations it replaced, as recorded by either side',
    example: ['advisory-and-monitoring-group-in-belarus'],
  })
  predecessors!: string[];
  @ApiProperty({ type: [String], description: 'Operations that replaced it, by either side' })
  successors!: string[];
  @ApiProperty({ type: String, nullable: true, description: 'Head of operation on asOf' })
  head!: string | null;
  @ApiProperty({ description: 'Stream revision (also the ETag)', example: 1 }) revision!: number;
}

export class FieldOperationListResponse {
  @ApiProperty({ type: [FieldOperationResponse] }) items!: FieldOperationResponse[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `after` for the next page: the last id here; null on the last page',
    example: 'mission-to-croatia',
  })
  next!: string | null;
}

export class HistoryItemResponse {
  @ApiProperty({ format: 'uuid', description: 'Event id (what a correction names in `corrects`)' })
  id!: string;
  @ApiProperty({ description: 'Global position in the event log', example: 5 }) position!: number;
  @ApiProperty({ description: 'Revision in the operation stream', example: 0 }) revision!: number;
  @ApiProperty({ example: 'OfficeEstablished' }) type!: string;
  @ApiProperty({ example: 'Office established: OSCE Office in Minsk' }) summary!: string;
  @ApiProperty({ type: String, nullable: true, description: `Valid time. ${DATE}` })
  effectiveOn!: string | null;
  @ApiProperty({
    description: 'When the registry recorded it',
    example: '2024-01-02T09:30:00.123Z',
  })
  recordedAt!: string;
  @ApiProperty({ type: String, nullable: true }) actor!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'PC.DEC/526' }) decision!: string | null;
  @ApiProperty({
    type: ProvenanceDto,
    nullable: true,
    description: 'Where the fact comes from (sources, confidence, conflicts, notes), if recorded',
  })
  provenance!: ProvenanceDto | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The recorded fact' })
  data!: unknown;
}

export class HistoryResponse {
  @ApiProperty({ type: [HistoryItemResponse] }) items!: HistoryItemResponse[];
}
