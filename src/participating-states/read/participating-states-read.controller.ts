import { Controller, Get, Inject, NotFoundException, Param, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ProblemSchema } from '../../http/openapi';
import { AsOfQuery } from '../../shared/read/as-of.query';
import { knownAtOf } from '../../shared/read/known-at.query';
import { ListParticipatingStatesQuery } from './list-participating-states.query';
import {
  ParticipatingStateDetailResponse,
  ParticipatingStateListResponse,
} from './participating-state.response';
import {
  type ParticipatingStateDetail,
  type ParticipatingStatesOn,
  ParticipatingStatesReader,
} from './participating-states.reader';

@ApiTags('participating-states')
@Controller('api/participating-states')
export class ParticipatingStatesReadController {
  constructor(
    @Inject(ParticipatingStatesReader) private readonly reader: ParticipatingStatesReader,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Who participated on a day (asOf, default today) and how many, as recorded up to knownAt',
    description:
      'Each State with its name and status on asOf. `count` is the number participating: suspended States, and States whose participation a successor continues, are counted out.',
  })
  @ApiOkResponse({ type: ParticipatingStateListResponse })
  @ApiBadRequestResponse({ type: ProblemSchema, description: 'Invalid asOf, knownAt or status' })
  list(@Query() query: ListParticipatingStatesQuery): ParticipatingStatesOn {
    return this.reader.on({ asOf: query.asOf, knownAt: knownAtOf(query), status: query.status });
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One participating State on a day (asOf), with its history, as recorded up to knownAt',
  })
  @ApiParam({ name: 'id', example: 'belarus' })
  @ApiOkResponse({
    type: ParticipatingStateDetailResponse,
    headers: { ETag: { description: '"<revision>"' } },
  })
  @ApiNotFoundResponse({
    type: ProblemSchema,
    description: 'No such participating State (at knownAt)',
  })
  @ApiBadRequestResponse({ type: ProblemSchema, description: 'Invalid asOf or knownAt' })
  get(
    @Param('id') id: string,
    @Query() query: AsOfQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): ParticipatingStateDetail {
    const state = this.reader.get(id, knownAtOf(query), query.asOf);
    if (!state) {
      throw new NotFoundException(
        `Participating State "${id}" ${query.knownAt ? `was not yet recorded at ${query.knownAt}` : 'is not registered'}`,
      );
    }
    void reply.header('ETag', `"${state.revision}"`);
    return state;
  }
}
