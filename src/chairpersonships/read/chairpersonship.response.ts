import { ApiProperty } from '@nestjs/swagger';
import { CHAIRPERSONSHIP_STATUSES, type ChairpersonshipStatus } from '../domain/view';

const DATE = 'A date as precise as its source: YYYY, YYYY-MM or YYYY-MM-DD';

export class ChairpersonInOfficeResponse {
  @ApiProperty({ example: 'Alexander Stubb' }) name!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Minister for Foreign Affairs' })
  role!: string | null;
  @ApiProperty({ description: DATE, example: '2008-04-04' }) from!: string;
  @ApiProperty({ type: String, nullable: true, description: DATE, example: '2008-12-31' })
  to!: string | null;
  @ApiProperty({ description: "No dates in the source: the Chairpersonship's period stands in" })
  datesFromPeriod!: boolean;
}

export class ChairpersonshipResponse {
  @ApiProperty({ example: 'finland-2008' }) id!: string;
  @ApiProperty({ example: 'finland', description: 'The chairing participating State' })
  state!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Finland' }) stateName!: string | null;
  @ApiProperty({ type: Number, nullable: true, example: 2008 }) year!: number | null;
  @ApiProperty({ description: DATE, example: '2008-01-01' }) from!: string;
  @ApiProperty({ description: `Last day, inclusive. ${DATE}`, example: '2008-12-31' }) to!: string;
  @ApiProperty({ enum: CHAIRPERSONSHIP_STATUSES, description: 'Status on asOf' })
  status!: ChairpersonshipStatus;
  @ApiProperty({ type: [ChairpersonInOfficeResponse], description: 'In office on asOf' })
  inOffice!: ChairpersonInOfficeResponse[];
  @ApiProperty({ type: [ChairpersonInOfficeResponse], description: 'Every one, in order recorded' })
  chairpersonsInOffice!: ChairpersonInOfficeResponse[];
  @ApiProperty({ description: 'Stream revision (also the ETag)', example: 2 }) revision!: number;
}

export class ChairpersonshipListResponse {
  @ApiProperty({ format: 'date', example: '2008-06-01' }) asOf!: string;
  @ApiProperty({ type: [ChairpersonshipResponse] }) items!: ChairpersonshipResponse[];
}

export class ChairpersonshipHistoryItemResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 12 }) position!: number;
  @ApiProperty({ example: 0 }) revision!: number;
  @ApiProperty({ example: 'ChairpersonInOfficeAppointed' }) type!: string;
  @ApiProperty({ example: 'Chairperson-in-Office appointed: Alexander Stubb' }) summary!: string;
  @ApiProperty({ type: String, nullable: true }) effectiveOn!: string | null;
  @ApiProperty({ example: '2024-01-02T09:30:00.123Z' }) recordedAt!: string;
  @ApiProperty({ type: String, nullable: true }) actor!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: unknown;
}

export class ChairpersonshipDetailResponse extends ChairpersonshipResponse {
  @ApiProperty({ format: 'date', example: '2008-06-01' }) asOf!: string;
  @ApiProperty({ type: [ChairpersonshipHistoryItemResponse] })
  history!: ChairpersonshipHistoryItemResponse[];
}
