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
import { ListParticipatingStatesQuery } from './list-participating-states.query';
import {
  ParticipatingStateListResponse,
  ParticipatingStateResponse,
} from './participating-state.response';
import {
  type ParticipatingStateEntry,
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
      'Participating States recorded up to knownAt, by id; with asOf, those admitted on or before that day',
  })
  @ApiOkResponse({ type: ParticipatingStateListResponse })
  @ApiBadRequestResponse({ type: ProblemSchema, description: 'Invalid asOf or knownAt' })
  list(@Query() query: ListParticipatingStatesQuery): { items: ParticipatingStateEntry[] } {
    return { items: this.reader.list(query.asOf, knownAtOf(query)) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One participating State' })
  @ApiParam({ name: 'id', example: 'belarus' })
  @ApiOkResponse({ type: ParticipatingStateResponse })
  @ApiNotFoundResponse({
    type: ProblemSchema,
    description: 'No such participating State (at knownAt)',
  })
  @ApiBadRequestResponse({ type: ProblemSchema, description: 'Invalid knownAt' })
  get(@Param('id') id: string, @Query() query: KnownAtQuery): ParticipatingStateEntry {
    const state = this.reader.get(id, knownAtOf(query));
    if (!state) throw new NotFoundException(`Participating State "${id}" is not registered`);
    return state;
  }
}
