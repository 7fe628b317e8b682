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
    summary: 'Participating States, by id; with asOf, those admitted on or before that day',
  })
  @ApiOkResponse({ type: ParticipatingStateListResponse })
  @ApiBadRequestResponse({ type: ProblemSchema, description: 'Invalid asOf' })
  list(@Query() query: ListParticipatingStatesQuery): { items: ParticipatingStateEntry[] } {
    return { items: this.reader.list(query.asOf) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One participating State' })
  @ApiParam({ name: 'id', example: 'belarus' })
  @ApiOkResponse({ type: ParticipatingStateResponse })
  @ApiNotFoundResponse({ type: ProblemSchema, description: 'No such participating State' })
  get(@Param('id') id: string): ParticipatingStateEntry {
    const state = this.reader.get(id);
    if (!state) throw new NotFoundException(`Participating State "${id}" is not registered`);
    return state;
  }
}
