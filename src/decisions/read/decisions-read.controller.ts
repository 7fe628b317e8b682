import { Controller, Get, Inject, NotFoundException, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { ProblemSchema } from '../../http/openapi';
import { InvalidQueryParameterException } from '../../http/problems/problem.exception';
import { KnownAtQuery, knownAtOf } from '../../shared/read/known-at.query';
import { DEFAULT_PAGE, type Page, pageRequestOf } from '../../shared/read/page.query';
import type { DecisionEntry } from './decision-entry';
import { DecisionListResponse, DecisionResponse } from './decision.response';
import { DecisionsReader } from './decisions.reader';
import { ListDecisionsQuery } from './list-decisions.query';

@ApiTags('decisions')
@Controller('api/decisions')
export class DecisionsReadController {
  constructor(@Inject(DecisionsReader) private readonly reader: DecisionsReader) {}

  @Get()
  @ApiOperation({
    summary: 'Decisions recorded up to knownAt, by adoption date then id',
    description: `A page at a time (limit, default ${DEFAULT_PAGE}): pass \`next\` as \`after\` for the following page; \`next\` is null on the last one.`,
  })
  @ApiOkResponse({ type: DecisionListResponse })
  @ApiBadRequestResponse({ type: ProblemSchema, description: 'Invalid query parameter' })
  list(@Query() query: ListDecisionsQuery): Page<DecisionEntry> {
    const page = this.reader.page(query.body, knownAtOf(query), pageRequestOf(query));
    if (!page) {
      throw new InvalidQueryParameterException('after', `after names no registered decision`);
    }
    return page;
  }

  @Get(':id')
  @ApiOperation({ summary: 'One decision, by the slug of its reference' })
  @ApiParam({ name: 'id', example: 'pc-dec-526', description: 'PC.DEC/526 -> pc-dec-526' })
  @ApiOkResponse({ type: DecisionResponse })
  @ApiNotFoundResponse({ type: ProblemSchema, description: 'No such decision (at knownAt)' })
  @ApiBadRequestResponse({ type: ProblemSchema, description: 'Invalid knownAt' })
  get(@Param('id') id: string, @Query() query: KnownAtQuery): DecisionEntry {
    const decision = this.reader.get(id, knownAtOf(query));
    if (!decision) throw new NotFoundException(`Decision "${id}" is not registered`);
    return decision;
  }
}
