import { firstDay, lastDay } from '../../shared/domain/partial-date';
import type { Chairpersonship, ChairpersonInOffice } from './chairpersonship';

export const CHAIRPERSONSHIP_STATUSES = ['upcoming', 'in-office', 'ended'] as const;
export type ChairpersonshipStatus = (typeof CHAIRPERSONSHIP_STATUSES)[number];

export interface ChairpersonshipView extends Chairpersonship {
  status: ChairpersonshipStatus;
  /** The Chairperson(s)-in-Office on the day; `chairpersonsInOffice` keeps every one. */
  inOffice: ChairpersonInOffice[];
}

/** Both Chairpersonships hold the hand-over day, as the sources give the periods. */
export function statusOn(chair: Chairpersonship, day: string): ChairpersonshipStatus {
  if (day < firstDay(chair.from)) return 'upcoming';
  return day > lastDay(chair.to) ? 'ended' : 'in-office';
}

/**
 * A Chairperson-in-Office serves from `from` to `to`; without `to`, until the next one named
 * starts or the Chairpersonship ends.
 */
function servesOn(cio: ChairpersonInOffice, chair: Chairpersonship, day: string): boolean {
  if (day < firstDay(cio.from)) return false;
  const next = chair.chairpersonsInOffice
    .map((other) => firstDay(other.from))
    .filter((start) => start > firstDay(cio.from))
    .sort()[0];
  const end = cio.to ? lastDay(cio.to) : next ? next : lastDay(chair.to);
  return day <= end;
}

export function viewOn(chair: Chairpersonship, day: string): ChairpersonshipView {
  const status = statusOn(chair, day);
  return {
    ...chair,
    status,
    inOffice:
      status === 'in-office'
        ? chair.chairpersonsInOffice.filter((c) => servesOn(c, chair, day))
        : [],
  };
}
