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
import { type FieldOperationDetail, todayUtc } from './field-operation-detail';
import {
  FieldOperationListResponse,
  FieldOperationResponse,
  HistoryResponse,
} from './field-operation.response';
import { FieldOperationsReader } from './field-operations.reader';
import type { HistoryItem } from './history-item';
import { ListFieldOperationsQuery } from './list-field-operations.query';

const notFound = (id: string): NotFoundException =>
  new NotFoundException(`Field operation "${id}" is not registered`);

@ApiTags('field-operations')
@Controller('api/field-operations')
export class FieldOperationsReadController {
  constructor(@Inject(FieldOperationsReader) private readonly reader: FieldOperationsReader) {}

  @Get()
  @ApiOperation({ summary: 'Field operations as they stood on a day, filtered, by id' })
  @ApiOkResponse({ type: FieldOperationListResponse })
  @ApiBadRequestResponse({ type: ProblemSchema, description: 'Invalid query parameter' })
  list(@Query() query: ListFieldOperationsQuery): { items: FieldOperationDetail[] } {
    const { status, hostState, kind, asOf = todayUtc() } = query;
    return { items: this.reader.list({ asOf, status, hostState, kind }) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One field operation as it stood on a day (ETag: its revision)' })
  @ApiParam({ name: 'id', example: 'office-in-minsk' })
  @ApiOkResponse({
    type: FieldOperationResponse,
    headers: { ETag: { description: '"<revision>"' } },
  })
  @ApiNotFoundResponse({ type: ProblemSchema, description: 'No such field operation' })
  @ApiBadRequestResponse({ type: ProblemSchema, description: 'Invalid asOf' })
  get(
    @Param('id') id: string,
    @Query() query: AsOfQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): FieldOperationDetail {
    const operation = this.reader.get(id, query.asOf ?? todayUtc());
    if (!operation) throw notFound(id);
    void reply.header('ETag', `"${operation.revision}"`);
    return operation;
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'Every event recorded on a field operation, in log order' })
  @ApiParam({ name: 'id', example: 'office-in-minsk' })
  @ApiOkResponse({ type: HistoryResponse })
  @ApiNotFoundResponse({ type: ProblemSchema, description: 'No such field operation' })
  @ApiBadRequestResponse({ type: ProblemSchema, description: 'Malformed minPosition' })
  history(@Param('id') id: string): { items: HistoryItem[] } {
    const items = this.reader.history(id);
    if (!items) throw notFound(id);
    return { items };
  }
}
