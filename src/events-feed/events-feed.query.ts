import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
} from 'class-validator';
import { EXPORT_FORMATS, type ExportFormat } from '../http/export-format';
import { parsePosition } from '../http/read-your-writes/min-position';
import { DecimalInteger } from '../http/validators';
import { MinPositionQuery } from '../http/read-your-writes/min-position.query';
import { formatValidator } from '../http/validation/format-validator';
import { INSTANT_EXPECTATION, isInstant } from './recorded-instant';

export const MAX_FEED_PAGE = 1000;
export const DEFAULT_FEED_PAGE = 100;
export const MAX_TYPES = 50;

const IsInstant = formatValidator('isRecordedInstant', {
  test: isInstant,
  expectation: INSTANT_EXPECTATION,
});

/** `type=A&type=B` and `type=A,B` alike become `['A', 'B']`. */
const splitList = ({ value }: { value: unknown }): unknown =>
  value === undefined
    ? undefined
    : (Array.isArray(value) ? value : [value]).flatMap((item: unknown) =>
        typeof item === 'string'
          ? item
              .split(',')
              .map((part) => part.trim())
              .filter((part) => part !== '')
          : [item],
      );

const IsPosition = formatValidator('isPosition', {
  test: (value) => parsePosition(value) !== undefined,
  expectation: 'a global position: a non-negative integer below 2^63',
});

const INSTANT_EXAMPLE = '2024-01-02T09:30:00.000Z';

/**
 * `GET /api/events`: a page of the global log after a position, or an export of it, narrowed by
 * any of the filters (all must hold). Recorded-time bounds compare the registry's `recordedAt`.
 */
export class EventsFeedQuery extends MinPositionQuery {
  @ApiPropertyOptional({
    description:
      'Exclusive: events after this global position (the `next` of the previous page). Default: from the start.',
    pattern: '^\\d{1,19}$',
    example: '0',
  })
  @IsOptional()
  @IsPosition({ message: 'after must be a global position: a non-negative integer below 2^63' })
  after?: string;

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description:
      'true: events exactly as stored, before upcasting (what the tamper-evidence hashes cover; see AUDIT.md). Only without filters.',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  stored?: 'true' | 'false';

  @ApiPropertyOptional({
    minimum: 1,
    description: `Page size of a JSON page: at most ${MAX_FEED_PAGE}, default ${DEFAULT_FEED_PAGE}. Exports (NDJSON, CSV) send every matching event unless a limit is given.`,
  })
  @IsOptional()
  @DecimalInteger({ min: 1 })
  limit?: number;

  @ApiPropertyOptional({
    description: 'Only the events of exactly this stream',
    example: 'field-operation-office-in-minsk',
  })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  stream?: string;

  @ApiPropertyOptional({
    description: 'Only the events of streams whose name starts with this',
    example: 'field-operation-',
  })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  streamPrefix?: string;

  @ApiPropertyOptional({
    type: [String],
    description: `Only events of these types: repeat the parameter or separate by commas (at most ${MAX_TYPES})`,
    example: ['OfficeEstablished', 'GroupClosed'],
  })
  @IsOptional()
  @Transform(splitList)
  @ArrayNotEmpty({ message: 'type must name at least one event type' })
  @ArrayMaxSize(MAX_TYPES)
  @Matches(/^[A-Za-z$][A-Za-z0-9_.$-]{0,99}$/, {
    each: true,
    message: 'type must be event type names (letters, digits, . _ - $), at most 100 characters',
  })
  type?: string[];

  @ApiPropertyOptional({ description: 'Only events recorded by this actor', example: 'import' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  actor?: string;

  @ApiPropertyOptional({
    description:
      'Only events that cite this decision (`data.decision`) or record it (`DecisionRecorded`): its reference or its id',
    example: 'PC.DEC/526',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @Matches(/[A-Za-z0-9]/, { message: 'decision must be a decision reference or id' })
  decision?: string;

  @ApiPropertyOptional({
    description: 'Only events recorded by one request (its X-Correlation-Id)',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  correlationId?: string;

  @ApiPropertyOptional({
    description: 'Inclusive: only events recorded at or after this instant',
    example: INSTANT_EXAMPLE,
  })
  @IsOptional()
  @IsInstant()
  recordedFrom?: string;

  @ApiPropertyOptional({
    description: 'Exclusive: only events recorded before this instant',
    example: INSTANT_EXAMPLE,
  })
  @IsOptional()
  @IsInstant()
  recordedTo?: string;

  @ApiPropertyOptional({
    description:
      'Recorded time: the log as the registry knew it then, i.e. only events recorded at or before this instant (inclusive)',
    example: INSTANT_EXAMPLE,
  })
  @IsOptional()
  @IsInstant()
  knownAt?: string;

  @ApiPropertyOptional({
    enum: EXPORT_FORMATS,
    description:
      'Representation; overrides Accept. json: a page; ndjson (application/x-ndjson): one event per line; csv (text/csv): one event per record',
  })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format?: ExportFormat;
}
