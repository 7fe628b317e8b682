import { ApiProperty } from '@nestjs/swagger';
import { STATE_STATUSES, type StateStatus } from '../domain/view';

const DATE = 'A date as precise as its source: YYYY, YYYY-MM or YYYY-MM-DD';

export class StateNameResponse {
  @ApiProperty({ example: 'Serbia and Montenegro' }) name!: string;
  @ApiProperty({ description: `First day of the name. ${DATE}`, example: '2003-02-04' })
  from!: string;
}

export class SuspensionResponse {
  @ApiProperty({ description: DATE, example: '1992-07-08' }) from!: string;
  @ApiProperty({ type: String, nullable: true, description: `Readmission. ${DATE}` })
  to!: string | null;
}

/** A participating State as it stood on `asOf`. */
export class ParticipatingStateResponse {
  @ApiProperty({ example: 'belarus' }) id!: string;
  @ApiProperty({ example: 'Belarus', description: 'Name in force on asOf' }) name!: string;
  @ApiProperty({ enum: STATE_STATUSES, example: 'participating', description: 'Status on asOf' })
  status!: StateStatus;
  @ApiProperty({
    description: `First day of participation: admission, or continuation of another State's. ${DATE}`,
    example: '1992-01-30',
  })
  admittedOn!: string;
  @ApiProperty({ type: String, nullable: true, example: null }) continues!: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) continuedBy!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Start of the suspension on asOf' })
  suspendedSince!: string | null;
  @ApiProperty({ type: String, nullable: true, description: `Last day. ${DATE}` })
  dissolvedOn!: string | null;
  @ApiProperty({ type: [String], example: [] }) successors!: string[];
  @ApiProperty({ type: [String], example: [] }) predecessors!: string[];
  @ApiProperty({ type: [StateNameResponse] }) names!: StateNameResponse[];
  @ApiProperty({ type: [SuspensionResponse] }) suspensions!: SuspensionResponse[];
  @ApiProperty({ description: 'Stream revision (also the ETag)', example: 0 }) revision!: number;
}

export class ParticipatingStateListResponse {
  @ApiProperty({ format: 'date', example: '1995-12-08' }) asOf!: string;
  @ApiProperty({ description: 'States participating on asOf', example: 53 }) count!: number;
  @ApiProperty({ type: [ParticipatingStateResponse] }) items!: ParticipatingStateResponse[];
}

export class StateHistoryItemResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 7 }) position!: number;
  @ApiProperty({ example: 0 }) revision!: number;
  @ApiProperty({ example: 'ParticipatingStateSuspended' }) type!: string;
  @ApiProperty({ example: 'Participation suspended: Socialist Federal Republic of Yugoslavia' })
  summary!: string;
  @ApiProperty({ type: String, nullable: true, description: `Valid time. ${DATE}` })
  effectiveOn!: string | null;
  @ApiProperty({ example: '2024-01-02T09:30:00.123Z' }) recordedAt!: string;
  @ApiProperty({ type: String, nullable: true }) actor!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The recorded fact' })
  data!: unknown;
}

export class ParticipatingStateDetailResponse extends ParticipatingStateResponse {
  @ApiProperty({ format: 'date', example: '1995-12-08' }) asOf!: string;
  @ApiProperty({ type: [StateHistoryItemResponse], description: 'Every event, in log order' })
  history!: StateHistoryItemResponse[];
}
