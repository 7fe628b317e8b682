import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { ProblemSchema } from '../http/openapi';
import { DEFAULT_FEED_PAGE, EventsFeedQuery } from './events-feed.query';
import { type FeedPage, feedEventOf } from './feed-event';
import { FeedPageResponse } from './feed-page.response';

/** The global audit feed, read straight from the event store (not from a read model). */
@ApiTags('events')
@Controller('api/events')
export class EventsFeedController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @ApiOperation({ summary: 'The event log in global order, a page after a position' })
  @ApiOkResponse({ type: FeedPageResponse })
  @ApiBadRequestResponse({ type: ProblemSchema, description: 'Invalid after or limit' })
  async page(@Query() query: EventsFeedQuery): Promise<FeedPage> {
    const after = query.after === undefined ? undefined : BigInt(query.after);
    const items = [];
    for await (const event of this.store.readAll({
      after,
      maxCount: query.limit ?? DEFAULT_FEED_PAGE,
    })) {
      items.push(feedEventOf(event));
    }
    const last = items[items.length - 1];
    return { items, next: last ? last.position : after === undefined ? null : Number(after) };
  }
}
