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
import { KnownAtQuery, knownAtOf } from '../../shared/read/known-at.query';
import type { DecisionEntry } from './decision-entry';
import { DecisionListResponse, DecisionResponse } from './decision.response';
import { DecisionsReader } from './decisions.reader';
import { ListDecisionsQuery } from './list-decisions.query';

@ApiTags('decisions')
@Controller('api/decisions')
export class DecisionsReadController {
  constructor(@Inject(DecisionsReader) private readonly reader: DecisionsReader) {}

  @Get()
  @ApiOperation({ summary: 'Decisions recorded up to knownAt, by adoption date' })
  @ApiOkResponse({ type: DecisionListResponse })
  @ApiBadRequestResponse({ type: ProblemSchema, description: 'Invalid query parameter' })
  list(@Query() query: ListDecisionsQuery): { items: DecisionEntry[] } {
    return { items: this.reader.list(query.body, knownAtOf(query)) };
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
