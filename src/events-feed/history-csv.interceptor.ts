import {
  applyDecorators,
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
  UseInterceptors,
} from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiQuery, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, type Observable } from 'rxjs';
import { HistoryResponse } from '../field-operations/read/field-operation.response';
import type { HistoryItem } from '../field-operations/read/history-item';
import { CSV_MEDIA_TYPE, type CsvColumn, csvRecords } from '../http/csv';
import { exportFormatOf, FORMAT_PARAMETER } from '../http/export-format';
import { streamedFile } from '../http/streamed-file';
import { AuditReader } from './audit/audit-reader';

type HistoryRow = HistoryItem & { reason: string | null };

export const HISTORY_CSV_COLUMNS: readonly CsvColumn<HistoryRow>[] = [
  { header: 'position', value: (h) => h.position },
  { header: 'recordedAt', value: (h) => h.recordedAt },
  { header: 'type', value: (h) => h.type },
  { header: 'summary', value: (h) => h.summary },
  { header: 'effectiveOn', value: (h) => h.effectiveOn },
  { header: 'actor', value: (h) => h.actor },
  { header: 'decision', value: (h) => h.decision },
  { header: 'reason', value: (h) => h.reason },
];

/**
 * A history read answers as CSV when asked (`Accept: text/csv` or `?format=csv`): the handler
 * returns its `{items}` as for JSON and this turns them into CSV records, with the reason each
 * event was recorded with (from the audit index). It takes `format` out of the query before the
 * query DTO is validated, so the handler's DTO need not know it.
 */
@Injectable()
export class HistoryCsvInterceptor implements NestInterceptor {
  constructor(@Inject(AuditReader) private readonly audit: AuditReader) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const query = (request.query ?? {}) as Record<string, unknown>;
    const format = exportFormatOf(query[FORMAT_PARAMETER], request.headers.accept, ['json', 'csv']);
    delete query[FORMAT_PARAMETER];
    void http.getResponse<FastifyReply>().header('Vary', 'Accept');
    if (format !== 'csv') return next.handle();
    return next.handle().pipe(
      map((result: { items: HistoryItem[] }) => {
        const reasons = this.audit.reasonsAt(result.items.map((item) => item.position));
        const rows = result.items.map((item) => ({
          ...item,
          reason: reasons.get(item.position) ?? null,
        }));
        const { id } = request.params as { id?: string };
        return streamedFile(
          csvRecords(HISTORY_CSV_COLUMNS, rows),
          CSV_MEDIA_TYPE,
          id ? `${id}-history.csv` : undefined,
        );
      }),
    );
  }
}

const HISTORY_CSV_DESCRIPTION = `RFC 4180 with a header record: ${HISTORY_CSV_COLUMNS.map((c) => c.header).join(', ')}`;

/**
 * On a history handler, above its `@ApiOkResponse`: CSV on request, documented in OpenAPI beside
 * the JSON body (the 200 response is restated with both media types).
 */
export const HistoryCsvExport = (): MethodDecorator =>
  applyDecorators(
    UseInterceptors(HistoryCsvInterceptor),
    ApiExtraModels(HistoryResponse),
    ApiOkResponse({
      description: 'The history as JSON, or as CSV (Accept: text/csv or format=csv)',
      headers: { Vary: { description: 'Accept' } },
      content: {
        'application/json': { schema: { $ref: getSchemaPath(HistoryResponse) } },
        'text/csv': { schema: { type: 'string', description: HISTORY_CSV_DESCRIPTION } },
      },
    }),
    ApiQuery({
      name: FORMAT_PARAMETER,
      required: false,
      enum: ['json', 'csv'],
      description: `Representation; overrides Accept. csv (text/csv): ${HISTORY_CSV_DESCRIPTION}`,
    }),
  );
