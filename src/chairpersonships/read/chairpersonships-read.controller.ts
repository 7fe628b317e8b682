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
import {
  ChairpersonshipDetailResponse,
  ChairpersonshipListResponse,
} from './chairpersonship.response';
import {
  type ChairpersonshipDetail,
  type ChairpersonshipEntry,
  ChairpersonshipsReader,
} from './chairpersonships.reader';
import { ListChairpersonshipsQuery } from './list-chairpersonships.query';

@ApiTags('chairpersonships')
@Controller('api/chairpersonships')
export class ChairpersonshipsReadController {
  constructor(@Inject(ChairpersonshipsReader) private readonly reader: ChairpersonshipsReader) {}

  @Get()
  @ApiOperation({
    summary:
      'The Chairpersonship in office on a day (asOf, default today) with its Chairperson(s)-in-Office, as recorded up to knownAt',
    description:
      'Two on a hand-over day, as the sources give the periods. `status=all` lists every Chairpersonship, in order.',
  })
  @ApiOkResponse({ type: ChairpersonshipListResponse })
  @ApiBadRequestResponse({ type: ProblemSchema, description: 'Invalid asOf, knownAt or status' })
  list(@Query() query: ListChairpersonshipsQuery): { asOf: string; items: ChairpersonshipEntry[] } {
    return this.reader.list({ asOf: query.asOf, knownAt: knownAtOf(query), status: query.status });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One Chairpersonship on a day (asOf), with its history' })
  @ApiParam({ name: 'id', example: 'finland-2008' })
  @ApiOkResponse({
    type: ChairpersonshipDetailResponse,
    headers: { ETag: { description: '"<revision>"' } },
  })
  @ApiNotFoundResponse({ type: ProblemSchema, description: 'No such Chairpersonship (at knownAt)' })
  @ApiBadRequestResponse({ type: ProblemSchema, description: 'Invalid asOf or knownAt' })
  get(
    @Param('id') id: string,
    @Query() query: AsOfQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): ChairpersonshipDetail {
    const chair = this.reader.get(id, query.asOf, knownAtOf(query));
    if (!chair) {
      throw new NotFoundException(
        `Chairpersonship "${id}" ${query.knownAt ? `was not yet recorded at ${query.knownAt}` : 'is not recorded'}`,
      );
    }
    void reply.header('ETag', `"${chair.revision}"`);
    return chair;
  }
}
