/** The shapes of the shared research files in `../shared/data/osce/` (read as they are). */

export type Confidence = Record<string, string>;

export interface SourceConflict {
  field: string;
  values: string[];
  resolution: string;
}

export interface SourceName {
  name: string;
  from: string | null;
  to: string | null;
  note?: string;
}

export interface SourceMandateEvent {
  date: string | null;
  decisionRef: string | null;
  eventType: string;
  summary: string;
}

export interface SourceFieldOperation {
  id: string;
  names: SourceName[];
  type: string;
  hostCountry: string;
  seat: string | null;
  established: {
    decisionRef: string | null;
    decisionDate: string | null;
    effectiveDate: string | null;
  };
  mandateEvents: SourceMandateEvent[];
  closed: { date: string | null; how: string; decisionRef: string | null } | null;
  predecessors: string[];
  successors: string[];
  sources: string[];
  confidence: Confidence;
  conflicts: SourceConflict[];
  notes: string | null;
  typeHistory?: Array<{ type: string; from: string | null; to: string | null }>;
  seatHistory?: Array<{ seat: string; from: string | null; to: string | null }>;
  mandate?: string;
}

export interface SourceState {
  name: string;
  status: 'current' | 'former';
  admissionDate: string | null;
  admissionDateInferred: boolean;
  admissionEvent: string | null;
  signedHelsinkiFinalAct: string | null;
  signedCharterOfParis: string | null;
  predecessorParticipation: string | null;
  notes: string | null;
  sources: string[];
  confidence: Confidence;
}

export interface SourceParticipatingStates {
  currentCount: number;
  currentCountSince: string;
  countHistory: Array<{ date: string; count: number; note: string; source: string }>;
  states: SourceState[];
}

export interface SourceChairpersonship {
  year: number;
  country: string;
  period: { from: string; to: string };
  chairpersonsInOffice: Array<{
    name: string;
    from: string | null;
    to: string | null;
    role: string;
  }>;
  sources: string[];
  confidence: string;
  notes: string | null;
}

export interface SourceChairpersonships {
  notes: string;
  chairpersonships: SourceChairpersonship[];
}

/** The four files, parsed. */
export interface SourceData {
  fieldOperations: SourceFieldOperation[];
  participatingStates: SourceParticipatingStates;
  chairpersonships: SourceChairpersonships;
}
