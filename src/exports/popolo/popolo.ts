import { firstDay } from '../../shared/domain/partial-date';
import type { OperationRecord, RegistrySnapshot } from '../registry-snapshot';
import { headPeriods, namePeriods } from '../operation-timelines';
import { OSCE } from '../osce';
import type {
  PopoloExport,
  PopoloMembership,
  PopoloOrganization,
  PopoloPerson,
  PopoloPost,
} from './popolo.types';

export const POPOLO_SPECIFICATION = 'https://www.popoloproject.com/specs/';
const HEAD_ROLE = 'Head of Operation';

/** Omits the keys whose value is null, undefined or an empty list (Popolo leaves them out). */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(
      ([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0),
    ),
  ) as T;
}

function organizationOf(record: OperationRecord, asOf: string): PopoloOrganization {
  const { view, sources } = record;
  const otherNames = namePeriods(record, asOf)
    .filter((period) => !period.inForce && period.value.name !== view.name)
    .map((period) =>
      compact({
        name: period.value.name,
        start_date: period.start,
        end_date: period.end ?? undefined,
        note: firstDay(period.start) > asOf ? 'later name' : 'former name',
      }),
    );
  return compact({
    id: view.id,
    name: view.name,
    classification: view.kind,
    parent_id: OSCE.id,
    // Popolo relates an organization to one area: the host State, when there is only one.
    area_id: view.hostStates.length === 1 ? view.hostStates[0] : undefined,
    founding_date: view.establishedOn,
    dissolution_date: view.closedOn ?? undefined,
    other_names: otherNames,
    contact_details: view.seat ? [{ type: 'address', label: 'Seat', value: view.seat }] : [],
    sources,
    extras: {
      status: view.status,
      host_area_ids: view.hostStates,
      seat: view.seat,
      closure_reason: view.closureReason,
      mandate: view.mandate,
      predecessor_ids: view.predecessors,
      successor_ids: view.successors,
    },
  });
}

/** The head of each operation as a post, and each person who held it as a dated membership. */
function heads(records: readonly OperationRecord[]) {
  const persons = new Map<string, PopoloPerson>();
  const posts: PopoloPost[] = [];
  const memberships: PopoloMembership[] = [];
  for (const record of records) {
    const periods = headPeriods(record);
    if (periods.length === 0) continue;
    const { id, name } = record.view;
    const post = { id: `${id}/head`, label: `Head of the ${name}`, role: HEAD_ROLE };
    posts.push({ ...post, organization_id: id });
    periods.forEach((period, i) => {
      persons.set(period.personId, { id: period.personId, name: period.value.name });
      memberships.push(
        compact({
          id: `${post.id}/${i + 1}`,
          person_id: period.personId,
          organization_id: id,
          post_id: post.id,
          role: HEAD_ROLE,
          start_date: period.start,
          end_date: period.end ?? undefined,
        }),
      );
    });
  }
  return { persons: [...persons.values()], posts, memberships };
}

/**
 * The registry on `asOf` as Popolo: the OSCE, each field operation as an organization under it
 * (name and classification in force on `asOf`, other names with their periods), participating
 * States as areas, heads as posts, persons and memberships.
 */
export function toPopolo(snapshot: RegistrySnapshot): PopoloExport {
  const { asOf, knownAt, operations, states, participatingOnAsOf } = snapshot;
  return {
    meta: { as_of: asOf, known_at: knownAt, specification: POPOLO_SPECIFICATION },
    organizations: [
      { id: OSCE.id, name: OSCE.name, classification: OSCE.classification },
      ...operations.map((record) => organizationOf(record, asOf)),
    ],
    areas: states.map((state) => ({
      id: state.id,
      name: state.name,
      classification: 'participating-state',
      extras: {
        admitted_on: state.admittedOn,
        participating_on_as_of: participatingOnAsOf.has(state.id),
      },
    })),
    ...heads(operations),
  };
}
