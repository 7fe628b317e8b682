import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProblemSchema } from '../../http/openapi';
import { InvalidQueryParameterException } from '../../http/problems/problem.exception';
import { knownAtOf } from '../../shared/read/known-at.query';
import { FieldOperationsReader } from './field-operations.reader';
import { MAX_TIMELINE_YEARS, type TimelineYear } from './timeline';
import { TimelineQuery } from './timeline.query';
import { TimelineYearResponse } from './timeline.response';

@ApiTags('field-operations')
@Controller('api/timeline')
export class TimelineController {
  constructor(@Inject(FieldOperationsReader) private readonly reader: FieldOperationsReader) {}

  @Get()
  @ApiOperation({
    summary: 'For each year from..to, the field operations active at any time in it (for charts)',
    description: `At most ${MAX_TIMELINE_YEARS} years; as recorded up to knownAt. A defaulted from is brought forward to keep within them.`,
  })
  @ApiOkResponse({ type: [TimelineYearResponse] })
  @ApiBadRequestResponse({ type: ProblemSchema, description: 'Invalid or too long range' })
  timeline(@Query() query: TimelineQuery): TimelineYear[] {
    const knownAt = knownAtOf(query);
    const to = query.to === undefined ? new Date().getUTCFullYear() : Number(query.to);
    if (query.from === undefined) {
      // Defaulted: from the earliest establishment, but never further back than one answer
      // reaches (stored data, not the client, would be to blame for a longer range).
      const first = Math.min(this.reader.firstYear(knownAt) ?? to, to);
      return this.reader.timeline(Math.max(first, to - MAX_TIMELINE_YEARS + 1), to, knownAt);
    }
    const from = Number(query.from);
    // The problem names a parameter the client sent: `from` when `to` was defaulted.
    const blamed = query.to === undefined ? 'from' : 'to';
    if (from > to) {
      throw new InvalidQueryParameterException(
        blamed,
        blamed === 'to'
          ? `to (${to}) is before from (${from})`
          : `from (${from}) is after this year (${to}), the default to`,
      );
    }
    if (to - from + 1 > MAX_TIMELINE_YEARS) {
      throw new InvalidQueryParameterException(
        blamed,
        `The range ${from}..${to} is ${to - from + 1} years; at most ${MAX_TIMELINE_YEARS} are answered at once`,
      );
    }
    return this.reader.timeline(from, to, knownAt);
  }
}
