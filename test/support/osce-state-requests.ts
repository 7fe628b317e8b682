import { firstDay } from '../../src/shared/domain/partial-date';
import type { ChairpersonshipRecord } from '../../scripts/osce-data/chairpersonships';
import type { StateRecord } from '../../scripts/osce-data/participating-states';

/** One data-set event as the HTTP request that records it. */
export interface DataRequest {
  record: string;
  action: string;
  on: string;
  path: string;
  body: Record<string, unknown>;
}

const STATES = '/api/participating-states';
const STATE_PATHS: Record<string, (id: string) => string> = {
  admit: () => STATES,
  continue: () => `${STATES}/continuations`,
  suspend: (id) => `${STATES}/${id}/suspensions`,
  readmit: (id) => `${STATES}/${id}/readmissions`,
  rename: (id) => `${STATES}/${id}/renamings`,
  dissolve: (id) => `${STATES}/${id}/dissolution`,
};
const STARTS = new Set(['admit', 'continue']);

/** The States' recordable events (no gaps), as requests in date order (starts first on a day). */
export function stateRequests(records: readonly StateRecord[]): DataRequest[] {
  const requests = records.flatMap((record) =>
    record.events
      .filter((event) => event.gaps.length === 0 && event.on !== null)
      .map((event) => ({
        record: record.id,
        action: event.action,
        on: event.on!,
        path: STATE_PATHS[event.action](record.id),
        body: {
          ...(STARTS.has(event.action) ? { id: record.id } : {}),
          ...event.data,
          provenance: event.provenance,
        },
      })),
  );
  const rank = (r: DataRequest) => (STARTS.has(r.action) ? 0 : r.action === 'dissolve' ? 2 : 1);
  return requests.sort((a, b) => firstDay(a.on).localeCompare(firstDay(b.on)) || rank(a) - rank(b));
}

/**
 * In date order, except that a dissolution waits until its successors are registered (Czechia and
 * Slovakia are admitted the day after Czechoslovakia's last day; Montenegro 19 days after the State
 * Union's): the registry refuses successors it does not know.
 */
export function inRecordableOrder(requests: readonly DataRequest[]): DataRequest[] {
  const registered = new Set<string>();
  const waiting: DataRequest[] = [];
  const ordered: DataRequest[] = [];
  const ready = (r: DataRequest) =>
    ((r.body.successors as string[] | undefined) ?? []).every((s) => registered.has(s));
  for (const request of requests) {
    if (request.action === 'dissolve' && !ready(request)) {
      waiting.push(request);
      continue;
    }
    ordered.push(request);
    if (STARTS.has(request.action)) registered.add(request.record);
    for (const next of waiting.filter(ready)) {
      waiting.splice(waiting.indexOf(next), 1);
      ordered.push(next);
    }
  }
  return [...ordered, ...waiting];
}

/** Every Chairpersonship event as a request, in date order. */
export function chairpersonshipRequests(records: readonly ChairpersonshipRecord[]): DataRequest[] {
  return records
    .flatMap((record) =>
      record.events.map((event) => {
        const { chairpersonship, ...data } = event.data as { chairpersonship: string };
        const assume = event.action === 'assume-chairpersonship';
        return {
          record: record.id,
          action: event.action,
          on: event.on!,
          path: assume
            ? '/api/chairpersonships'
            : `/api/chairpersonships/${chairpersonship}/chairpersons-in-office`,
          body: {
            ...(assume ? { id: chairpersonship } : {}),
            ...data,
            provenance: event.provenance,
          },
        };
      }),
    )
    .sort((a, b) => firstDay(a.on).localeCompare(firstDay(b.on)));
}
