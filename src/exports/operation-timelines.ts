import type { NameVersion } from '../field-operations/domain/state';
import { firstDay } from '../shared/domain/partial-date';
import { slugOfReference } from '../shared/domain/slug';
import { type Dated, timeline } from './periods';
import type { OperationRecord } from './registry-snapshot';

export interface NamePeriod extends Dated<NameVersion> {
  /** Whether it is the name in force on `asOf` (the first name before establishment). */
  inForce: boolean;
}

export interface HeadPeriod extends Dated<{ name: string }> {
  /** A stable id for the person, from the name: `Jane Doe` -> `jane-doe`. */
  personId: string;
}

/** Every name an operation has had, each with its period, and which one was in force on `asOf`. */
export function namePeriods(record: OperationRecord, asOf: string): NamePeriod[] {
  const periods = timeline(record.operation.names, (n) => n.from, record.view.closedOn);
  let current = 0;
  periods.forEach((period, i) => {
    if (firstDay(period.start) <= asOf) current = i;
  });
  return periods.map((period, i) => ({ ...period, inForce: i === current }));
}

/** Every head of the operation with the period they held the post (to the next head or closure). */
export function headPeriods(record: OperationRecord): HeadPeriod[] {
  return timeline(record.operation.heads, (h) => h.from, record.view.closedOn).map((period) => ({
    ...period,
    personId: slugOfReference(period.value.name),
  }));
}
