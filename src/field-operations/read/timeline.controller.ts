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
    description: `At most ${MAX_TIMELINE_YEARS} years; as recorded up to knownAt.`,
  })
  @ApiOkResponse({ type: [TimelineYearResponse] })
  @ApiBadRequestResponse({ type: ProblemSchema, description: 'Invalid or too long range' })
  timeline(@Query() query: TimelineQuery): TimelineYear[] {
    const knownAt = knownAtOf(query);
    const to = query.to === undefined ? new Date().getUTCFullYear() : Number(query.to);
    const from =
      query.from === undefined
        ? Math.min(this.reader.firstYear(knownAt) ?? to, to)
        : Number(query.from);
    if (from > to)
      throw new InvalidQueryParameterException('to', `to (${to}) is before from (${from})`);
    if (to - from + 1 > MAX_TIMELINE_YEARS) {
      throw new InvalidQueryParameterException(
        'to',
        `The range ${from}..${to} is ${to - from + 1} years; at most ${MAX_TIMELINE_YEARS} are answered at once`,
      );
    }
    return this.reader.timeline(from, to, knownAt);
  }
}
