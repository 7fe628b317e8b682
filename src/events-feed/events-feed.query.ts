import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export const MAX_FEED_PAGE = 1000;
export const DEFAULT_FEED_PAGE = 100;

/** `GET /api/events`: a page of the global log after a position. */
export class EventsFeedQuery {
  @ApiPropertyOptional({
    description:
      'Exclusive: events after this global position (the `next` of the previous page). Default: from the start.',
    pattern: '^\\d{1,19}$',
    example: '0',
  })
  @IsOptional()
  @Matches(/^\d{1,19}$/, { message: 'after must be a global position: a non-negative integer' })
  after?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_FEED_PAGE, default: DEFAULT_FEED_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_FEED_PAGE)
  limit?: number;
}
