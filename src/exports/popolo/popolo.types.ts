import type { Status } from '../../field-operations/domain/view';
import type { PartialDate } from '../../shared/domain/partial-date';
import type { Source } from '../sources';

/**
 * The Popolo data specification's objects (organization, area, person, post, membership), with
 * its field names; dates are ISO 8601 as precise as known (`1993`, `1992-09`, `1992-09-08`).
 * What Popolo has no field for sits in `extras`, as Open Civic Data does.
 */
export interface PopoloOtherName {
  name: string;
  start_date?: PartialDate;
  end_date?: PartialDate;
  note?: string;
}

export interface PopoloContactDetail {
  type: string;
  label?: string;
  value: string;
}

export interface PopoloOrganization {
  id: string;
  name: string;
  classification: string;
  parent_id?: string;
  area_id?: string;
  founding_date?: PartialDate;
  dissolution_date?: PartialDate;
  other_names?: PopoloOtherName[];
  contact_details?: PopoloContactDetail[];
  sources?: Source[];
  extras?: {
    status: Status;
    host_area_ids: string[];
    seat: string | null;
    closure_reason: string | null;
    mandate: { summary: string; until: PartialDate | null; decision: string | null } | null;
    predecessor_ids: string[];
    successor_ids: string[];
  };
}

export interface PopoloArea {
  id: string;
  name: string;
  classification: string;
  extras: { admitted_on: PartialDate; participating_on_as_of: boolean };
}

export interface PopoloPerson {
  id: string;
  name: string;
}

export interface PopoloPost {
  id: string;
  label: string;
  role: string;
  organization_id: string;
}

export interface PopoloMembership {
  id: string;
  person_id: string;
  organization_id: string;
  post_id: string;
  role: string;
  start_date: PartialDate;
  end_date?: PartialDate;
}

export interface PopoloExport {
  meta: { as_of: string; known_at: string | null; specification: string };
  organizations: PopoloOrganization[];
  areas: PopoloArea[];
  persons: PopoloPerson[];
  posts: PopoloPost[];
  memberships: PopoloMembership[];
}
