import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class VerificationFailureResponse {
  @ApiProperty({
    enum: [
      'hash-mismatch',
      'missing-hash',
      'previous-hash-mismatch',
      'revision-gap',
      'revision-out-of-order',
      'seal-mismatch',
      'seal-malformed',
    ],
  })
  kind!: string;
  @ApiProperty({ enum: ['event', 'seal'] }) subject!: 'event' | 'seal';
  @ApiProperty({ example: 'field-operation-office-in-minsk' }) stream!: string;
  @ApiProperty({ example: 1 }) revision!: number;
  @ApiProperty({ example: 5 }) position!: number;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiPropertyOptional({ description: 'For a seal: the last position it covers' })
  upToPosition?: number;
  @ApiProperty({ example: 'its content hashes to 3f…, not to its recorded hash 9a…: edited' })
  reason!: string;
}

export class SealSummaryResponse {
  @ApiProperty({ description: 'Revision in the ledger-seals stream' }) revision!: number;
  @ApiProperty({ description: 'Position of the LedgerSealed event' }) position!: number;
  @ApiProperty({ description: 'Every event at or before this position is covered' })
  upToPosition!: number;
  @ApiProperty() eventCount!: number;
  @ApiProperty({ description: 'RFC 6962 Merkle root (hex SHA-256) over the event hashes' })
  root!: string;
}

export class VerificationReportResponse {
  @ApiProperty({ description: 'True when every chain and every seal verifies' }) ok!: boolean;
  @ApiProperty() eventsChecked!: number;
  @ApiProperty() streamsChecked!: number;
  @ApiProperty() sealsChecked!: number;
  @ApiProperty({ type: Number, nullable: true }) lastPosition!: number | null;
  @ApiProperty({ type: SealSummaryResponse, nullable: true }) lastSeal!: SealSummaryResponse | null;
  @ApiProperty({ description: 'Events after the last seal: protected by their chains only' })
  unsealedEvents!: number;
  @ApiProperty({ type: VerificationFailureResponse, nullable: true })
  firstFailure!: VerificationFailureResponse | null;
  @ApiProperty({ type: [VerificationFailureResponse], description: 'At most 100, in log order' })
  failures!: VerificationFailureResponse[];
  @ApiProperty() failureCount!: number;
}
