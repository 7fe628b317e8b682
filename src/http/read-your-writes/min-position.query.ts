import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { MIN_POSITION_HEADER, POSITION_PATTERN } from './min-position';

/**
 * Base of read query DTOs: documents `minPosition` in OpenAPI. The read-your-writes guard
 * consumes the parameter (and removes it from the query) before validation, so a read DTO that
 * does not extend this class still accepts it.
 */
export class MinPositionQuery {
  @ApiPropertyOptional({
    description: `Wait (briefly) until the read models include this global position, as a write answered it; also accepted as the ${MIN_POSITION_HEADER} header. 503 if they do not catch up in time.`,
    pattern: POSITION_PATTERN.source,
    example: '42',
  })
  @IsOptional()
  @Matches(POSITION_PATTERN)
  minPosition?: string;
}
