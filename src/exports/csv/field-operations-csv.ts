import type { CsvColumn } from '../../http/csv';
import type { OperationRecord } from '../registry-snapshot';

/** Several values in one field (host States, links), in their recorded order. */
export const LIST_SEPARATOR = ';';
const list = (values: readonly string[]): string => values.join(LIST_SEPARATOR);

/** One record per field operation, as it stood on `asOf`. */
export const FIELD_OPERATIONS_CSV_COLUMNS: readonly CsvColumn<OperationRecord>[] = [
  { header: 'id', value: ({ view }) => view.id },
  { header: 'name', value: ({ view }) => view.name },
  { header: 'kind', value: ({ view }) => view.kind },
  { header: 'status', value: ({ view }) => view.status },
  { header: 'hostStates', value: ({ view }) => list(view.hostStates) },
  { header: 'seat', value: ({ view }) => view.seat },
  { header: 'establishedOn', value: ({ view }) => view.establishedOn },
  { header: 'closedOn', value: ({ view }) => view.closedOn },
  { header: 'closureReason', value: ({ view }) => view.closureReason },
  { header: 'mandateUntil', value: ({ view }) => view.mandate?.until },
  { header: 'mandateDecision', value: ({ view }) => view.mandate?.decision },
  { header: 'predecessors', value: ({ view }) => list(view.predecessors) },
  { header: 'successors', value: ({ view }) => list(view.successors) },
  { header: 'head', value: ({ view }) => view.head },
];

export const FIELD_OPERATIONS_CSV_DESCRIPTION = `RFC 4180 with a header record: ${FIELD_OPERATIONS_CSV_COLUMNS.map((c) => c.header).join(', ')}; lists separated by "${LIST_SEPARATOR}"; dates as precise as known; empty when unknown`;
