import { ApiProperty } from '@nestjs/swagger';

export class FeedEventResponse {
  @ApiProperty({ description: 'Global position in the log', example: 5 }) position!: number;
  @ApiProperty({ example: 'field-operation-office-in-minsk' }) stream!: string;
  @ApiProperty({ description: 'Revision in its stream', example: 0 }) revision!: number;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'OfficeEstablished' }) type!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: unknown;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'actor, reason, correlationId, causationId, recordedAt, schemaVersion, ...',
  })
  metadata!: Record<string, string>;
  @ApiProperty({ example: '2024-01-02T09:30:00.123Z' }) recordedAt!: string;
}

export class FeedPageResponse {
  @ApiProperty({ type: [FeedEventResponse] }) items!: FeedEventResponse[];
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'Pass as `after` for the next page: the last position here, else the `after` given',
  })
  next!: number | null;
}
