import { Controller, Get, Headers, Inject, Query, Res, type StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CSV_MEDIA_TYPE, csvRecords } from '../http/csv';
import { exportFormatOf } from '../http/export-format';
import { ProblemSchema } from '../http/openapi';
import { InvalidQueryParameterException } from '../http/problems/problem.exception';
import { primed, streamedFile } from '../http/streamed-file';
import { EventsFeed } from './events-feed';
import { DEFAULT_FEED_PAGE, EventsFeedQuery, MAX_FEED_PAGE } from './events-feed.query';
import { FEED_CSV_COLUMNS, NDJSON_MEDIA_TYPE, ndjsonLines } from './feed-csv';
import type { FeedPage } from './feed-event';
import { isEmptyFilter } from './audit/audit-filter';
import { auditFilterOf } from './feed-filter';
import { FeedPageResponse } from './feed-page.response';

const FORMATS = ['json', 'ndjson', 'csv'] as const;

/** The global audit feed: a page of the log, or an export of it, narrowed by filters. */
@ApiTags('events')
@Controller('api/events')
export class EventsFeedController {
  constructor(@Inject(EventsFeed) private readonly feed: EventsFeed) {}

  @Get()
  @ApiOperation({
    summary: 'The event log in global order: a page after a position, or an export',
    description:
      'Filters combine (AND). Unfiltered, the feed is read from the event store; filtered, from the audit index (pass minPosition to include a write just made). With Accept: application/x-ndjson or text/csv (or format=ndjson|csv) every matching event is streamed, not a page: limit then caps the export only when given.',
  })
  @ApiExtraModels(FeedPageResponse)
  @ApiOkResponse({
    description: 'A page (JSON), or every matching event (NDJSON, CSV)',
    headers: { Vary: { description: 'Accept' } },
    content: {
      'application/json': { schema: { $ref: getSchemaPath(FeedPageResponse) } },
      [NDJSON_MEDIA_TYPE]: {
        schema: {
          type: 'string',
          description: 'One event per line, each a JSON object as in the page items',
        },
      },
      'text/csv': {
        schema: {
          type: 'string',
          description: `RFC 4180, with a header record: ${FEED_CSV_COLUMNS.map((c) => c.header).join(', ')} (data as JSON)`,
        },
      },
    },
  })
  @ApiBadRequestResponse({ type: ProblemSchema, description: 'Invalid parameter' })
  @ApiServiceUnavailableResponse({ type: ProblemSchema, description: 'Event store unavailable' })
  async read(
    @Query() query: EventsFeedQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FeedPage | StreamableFile> {
    const format = exportFormatOf(query.format, accept, FORMATS);
    const filter = auditFilterOf(query);
    const after = query.after === undefined ? undefined : BigInt(query.after);
    const stored = query.stored === 'true';
    if (stored && !isEmptyFilter(filter)) {
      throw new InvalidQueryParameterException(
        'stored',
        'stored=true exports the log as stored, unfiltered: drop the filters or the flag',
      );
    }
    void reply.header('Vary', 'Accept');
    if (format === 'json') {
      if (query.limit !== undefined && query.limit > MAX_FEED_PAGE) {
        throw new InvalidQueryParameterException(
          'limit',
          `limit must not be greater than ${MAX_FEED_PAGE} for a page (exports take any limit)`,
        );
      }
      return this.feed.page(filter, after, query.limit ?? DEFAULT_FEED_PAGE, stored);
    }
    const events = await primed(this.feed.events(filter, after, query.limit, stored));
    return format === 'ndjson'
      ? streamedFile(ndjsonLines(events), NDJSON_MEDIA_TYPE)
      : streamedFile(csvRecords(FEED_CSV_COLUMNS, events), CSV_MEDIA_TYPE, 'events.csv');
  }
}
