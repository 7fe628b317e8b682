import { EXPORT_FORMATS, exportFormatOf } from '../http/export-format';
import type { Role } from './roles';

/**
 * What a request needs, decided in this one place from its method and the route it matched (not
 * from decorators spread over the controllers), so the whole policy reads as one table:
 *
 * | request                                                     | needs            |
 * | ----------------------------------------------------------- | ---------------- |
 * | `/health`, `/health/*` (and the OpenAPI docs, outside Nest)  | nothing          |
 * | anything under `/api/audit/` (verification, seals)          | `auditor`        |
 * | any other method than GET or HEAD (every write)             | `recorder`       |
 * | GET `/api/exports/*` (Popolo, JSON-LD, CSV)                   | `auditor`        |
 * | GET `/api/events` as NDJSON or CSV (`format=` or `Accept`)  | `auditor`        |
 * | any other GET                                               | `read`           |
 *
 * `read` is open to everyone when reads are public (`REGISTRY_PUBLIC_READS`, the default), else
 * to any valid credential, whatever its role. A new write endpoint needs `recorder` without
 * anyone remembering to say so; a new export under `/api/exports/` needs `auditor`. A `/api/events`
 * request whose format cannot be told (a repeated or unknown `format`) is treated as an export.
 */
export type RequiredAccess = 'public' | 'read' | Extract<Role, 'recorder' | 'auditor'>;

export interface RequestShape {
  readonly method: string;
  /** The route the request matched (`/api/field-operations/:id/closure`), or its path. */
  readonly path: string;
  readonly query?: Readonly<Record<string, unknown>>;
  readonly accept?: string;
}

const under = (path: string, prefix: string): boolean =>
  path === prefix || path.startsWith(`${prefix}/`);

export function requiredAccess(request: RequestShape): RequiredAccess {
  const path = normalise(request.path);
  const method = request.method.toUpperCase();
  if (under(path, '/health') || under(path, '/api/docs')) return 'public';
  if (under(path, '/api/audit')) return 'auditor';
  if (method !== 'GET' && method !== 'HEAD') return 'recorder';
  if (under(path, '/api/exports')) return 'auditor';
  if (path === '/api/events' && isExportOfTheLog(request)) return 'auditor';
  return 'read';
}

function isExportOfTheLog(request: RequestShape): boolean {
  try {
    return exportFormatOf(request.query?.format, request.accept, EXPORT_FORMATS) !== 'json';
  } catch {
    return true;
  }
}

/** The path without its query, without a trailing slash (Fastify ignores it when routing). */
function normalise(path: string): string {
  const query = path.indexOf('?');
  const withoutQuery = query === -1 ? path : path.slice(0, query);
  return withoutQuery.length > 1 && withoutQuery.endsWith('/')
    ? withoutQuery.slice(0, -1)
    : withoutQuery;
}
