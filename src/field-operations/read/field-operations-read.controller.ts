import {
  Controller,
  Get,
  Inject,
  NotFoundException,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  Param,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { HistoryCsvExport } from '../../events-feed/history-csv.interceptor';
import { LeanRoute } from '../../http/lean-route/lean-route';
import { ProblemSchema } from '../../http/openapi';
import { replyWithJsonPage } from '../../http/responses/json-page';
import { AsOfQuery } from '../../shared/read/as-of.query';
import { KnownAtQuery, knownAtOf } from '../../shared/read/known-at.query';
import { DEFAULT_PAGE, type Page, pageRequestOf } from '../../shared/read/page.query';
import { type FieldOperationDetail, todayUtc } from './field-operation-detail';
import {
  FieldOperationListResponse,
  FieldOperationResponse,
  HistoryResponse,
} from './field-operation.response';
import { FieldOperationsReader } from './field-operations.reader';
import type { HistoryItem } from './history-item';
import type { Lineage } from './lineage';
import { LineageResponse } from './lineage.response';
import { ListFieldOperationsQuery } from './list-field-operations.query';

const notFound = (id: string, knownAt?: string): NotFoundException =>
  new NotFoundException(
    `Field operation "${id}" ${knownAt ? `was not yet recorded at ${knownAt}` : 'is not registered'}`,
  );

@ApiTags('field-operations')
@Controller('api/field-operations')
export class FieldOperationsReadController implements OnApplicationBootstrap, OnModuleDestroy {
  private warming?: { stop(): void };

  constructor(@Inject(FieldOperationsReader) private readonly reader: FieldOperationsReader) {}

  /** Operations as they stand now are read into the reader's caches in the background. */
  onApplicationBootstrap(): void {
    this.warming = this.reader.warm();
  }

  onModuleDestroy(): void {
    this.warming?.stop();
  }

  @Get()
  @LeanRoute()
  @ApiOperation({
    summary: 'Field operations as they stood on a day (asOf), as recorded up to knownAt, by id',
    description: `A page at a time (limit, default ${DEFAULT_PAGE}): pass \`next\` as \`after\` for the following page; \`next\` is null on the last one.`,
  })
  @ApiOkResponse({ type: FieldOperationListResponse })
  @ApiBadRequestResponse({ type: ProblemSchema, description: 'Invalid query parameter' })
  list(
    @Query() query: ListFieldOperationsQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Page<FieldOperationDetail> {
    const { status, hostState, kind, asOf = todayUtc() } = query;
    const filter = { asOf, knownAt: knownAtOf(query), status, hostState, kind };
    const page = this.reader.page(filter, pageRequestOf(query));
    // The items are kept by the reader with their JSON: the page is written from it.
    replyWithJsonPage(reply);
    return page;
  }

  /** The most frequent read: through the lean pipeline (README, Deviations). */
  @Get(':id')
  @LeanRoute()
  @ApiOperation({
    summary: 'One field operation on a day (asOf) as recorded up to knownAt (ETag: its revision)',
  })
  @ApiParam({ name: 'id', example: 'office-in-minsk' })
  @ApiOkResponse({
    type: FieldOperationResponse,
    headers: { ETag: { description: '"<revision>"' } },
  })
  @ApiNotFoundResponse({
    type: ProblemSchema,
    description: 'No such field operation (or none recorded yet at knownAt)',
  })
  @ApiBadRequestResponse({ type: ProblemSchema, description: 'Invalid asOf or knownAt' })
  get(
    @Param('id') id: string,
    @Query() query: AsOfQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): FieldOperationDetail {
    const operation = this.reader.get(id, query.asOf ?? todayUtc(), knownAtOf(query));
    if (!operation) throw notFound(id, query.knownAt);
    void reply.header('ETag', `"${operation.revision}"`);
    return operation;
  }

  @Get(':id/lineage')
  @ApiOperation({
    summary: 'The predecessor/successor graph reachable from an operation, both ways, transitively',
    description:
      'Many-to-many: every operation linked by succession to this one or to one linked to it, with the links recorded up to knownAt (named by either side). Nodes carry their last name and kind.',
  })
  @ApiParam({ name: 'id', example: 'office-in-zagreb' })
  @ApiOkResponse({ type: LineageResponse })
  @ApiNotFoundResponse({ type: ProblemSchema, description: 'No such field operation' })
  @ApiBadRequestResponse({ type: ProblemSchema, description: 'Malformed minPosition or knownAt' })
  lineage(@Param('id') id: string, @Query() query: KnownAtQuery): Lineage {
    const lineage = this.reader.lineage(id, todayUtc(), knownAtOf(query));
    if (!lineage) throw notFound(id, query.knownAt);
    return lineage;
  }

  @Get(':id/history')
  @HistoryCsvExport()
  @ApiOperation({
    summary: 'Every event recorded on a field operation up to knownAt, in log order',
    description: 'Corrections appear beside the facts they correct, which stay as recorded.',
  })
  @ApiParam({ name: 'id', example: 'office-in-minsk' })
  @ApiOkResponse({ type: HistoryResponse })
  @ApiNotFoundResponse({ type: ProblemSchema, description: 'No such field operation' })
  @ApiBadRequestResponse({ type: ProblemSchema, description: 'Malformed minPosition or knownAt' })
  history(@Param('id') id: string, @Query() query: KnownAtQuery): { items: HistoryItem[] } {
    const items = this.reader.history(id, knownAtOf(query));
    if (!items) throw notFound(id, query.knownAt);
    return { items };
  }
}
