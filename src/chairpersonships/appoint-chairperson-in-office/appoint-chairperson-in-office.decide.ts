import { type ProvenanceInput, withProvenance } from '../../field-operations/domain/provenance';
import { DomainError } from '../../shared/domain/domain-error';
import { endsBefore, type PartialDate } from '../../shared/domain/partial-date';
import type { ChairpersonshipState } from '../domain/chairpersonship';
import {
  CHAIRPERSON_IN_OFFICE_APPOINTED,
  type ChairpersonInOfficeAppointed,
} from '../domain/events';

/** `id` is the Chairpersonship's. */
export interface AppointChairpersonInOffice {
  id: string;
  name: string;
  role?: string | null;
  from: PartialDate;
  to?: PartialDate | null;
  datesFromPeriod?: boolean;
  provenance?: ProvenanceInput | null;
}

const outside = (what: string, date: string, pointer: string): never => {
  throw new DomainError(
    'outside-chairpersonship',
    422,
    `${what} ${date} is outside the Chairpersonship`,
    pointer,
  );
};

/** Within the Chairpersonship's period; the same person from the same date only once. */
export function decideAppointChairpersonInOffice(
  command: AppointChairpersonInOffice,
  state: ChairpersonshipState,
): Array<{ type: typeof CHAIRPERSON_IN_OFFICE_APPOINTED; data: ChairpersonInOfficeAppointed }> {
  if (!state) {
    throw new DomainError(
      'unknown-chairpersonship',
      404,
      `Chairpersonship "${command.id}" is not recorded`,
    );
  }
  const to = command.to ?? null;
  if (endsBefore(command.from, state.from) || endsBefore(state.to, command.from)) {
    outside('From', command.from, '/from');
  }
  if (to && endsBefore(to, command.from)) {
    throw new DomainError('ends-before-start', 422, `${to} is before ${command.from}`, '/to');
  }
  if (to && endsBefore(state.to, to)) outside('To', to, '/to');
  const twice = state.chairpersonsInOffice.find(
    (c) => c.name === command.name && c.from === command.from,
  );
  if (twice) {
    throw new DomainError(
      'already-appointed',
      409,
      `${command.name} is already recorded as Chairperson-in-Office from ${command.from}`,
      '/name',
    );
  }
  return [
    {
      type: CHAIRPERSON_IN_OFFICE_APPOINTED,
      data: {
        chairpersonshipId: command.id,
        name: command.name,
        role: command.role ?? null,
        from: command.from,
        to,
        datesFromPeriod: command.datesFromPeriod ?? false,
        ...withProvenance(command.provenance),
      },
    },
  ];
}
