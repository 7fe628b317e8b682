import { streamOfDecision } from '../decisions/domain/decision';
import { streamOfOperation } from '../field-operations/domain/events';
import { streamOfState } from '../participating-states/domain/participating-state';
import { firstDay, isPartialDate } from '../shared/domain/partial-date';
import type { DataSet, DataSetEvent, DataSetRecord } from './data-set';

export type Capability = 'participating-state' | 'decision' | 'field-operation' | 'chairpersonship';

/** One command to send, in history order; `key` marks its events so a second run skips it. */
export interface ImportStep {
  readonly key: string;
  readonly capability: Capability;
  readonly record: string;
  readonly action: string;
  readonly day: string;
  /** The stream whose events carry `key` (the decision's, for a decision with effects). */
  readonly stream: string;
  readonly source: string | undefined;
  /** The command body, as a client would post it. */
  readonly payload: Record<string, unknown>;
}

export interface NotImported {
  readonly record: string;
  readonly action?: string;
  readonly reason: string;
}

export interface ImportPlan {
  readonly steps: ImportStep[];
  readonly notImported: NotImported[];
}

/**
 * Participating States are registered first (a field operation of 1992 may name a host State the
 * registry knows from a later admission, such as the FRY); everything else follows in date order,
 * a decision before the field-operation facts of the same day.
 */
const RANK: Record<Capability, number> = {
  'participating-state': 0,
  decision: 1,
  'field-operation': 2,
  chairpersonship: 3,
};

/**
 * An incomplete State or Chairpersonship is recorded as far as the sources go (others refer to
 * it); an incomplete field operation or decision is not recorded at all (it would show as active
 * forever, or cite nothing). Either way the report names what is missing.
 */
const RECORDED_AS_FAR_AS_KNOWN = new Set<Capability>(['participating-state', 'chairpersonship']);

/** Field-operation actions a decision can carry as effects (each then cites the decision). */
export const EFFECT_ACTIONS = new Set([
  'establish',
  'agree-mandate',
  'extend-mandate',
  'rename',
  'appoint-head',
  'close',
  'change-seat',
  'change-host-states',
  'note',
]);

export type StreamOf = (capability: Capability, record: string) => string;

export const defaultStreamOf: StreamOf = (capability, record) => {
  switch (capability) {
    case 'participating-state':
      return streamOfState(record);
    case 'field-operation':
      return streamOfOperation(record);
    case 'decision':
      return streamOfDecision(record);
    case 'chairpersonship':
      return `chairpersonship-${record}`;
  }
};

/**
 * Orders the whole data set into commands: a decision goes out with every effect that cites it, as
 * staff record a press release; other facts one command each. Events the sources leave gaps in are
 * not recorded, and the plan says why.
 */
export function planImport(data: DataSet, streamOf: StreamOf = defaultStreamOf): ImportPlan {
  const planner = new Planner(data, streamOf);
  planner.walk('participating-state', data.participatingStates);
  planner.walk('field-operation', data.fieldOperations);
  planner.walk('chairpersonship', data.chairpersonships);
  planner.decisionsWithEffects();
  return planner.plan();
}

type Planned = ImportStep & { rank: number; order: number };

class Planner {
  private readonly notImported: NotImported[] = [];
  private readonly steps: Planned[] = [];
  private readonly decisions: Map<string, { record: DataSetRecord; event: DataSetEvent }>;
  private readonly effects = new Map<string, Array<Record<string, unknown>>>();
  private readonly linkedBySuccessor: Set<string>;
  /** Field operations not recorded at all (incomplete). */
  private readonly leftOut: Set<string>;

  constructor(
    data: DataSet,
    private readonly streamOf: StreamOf,
  ) {
    this.decisions = new Map(
      this.usable('decision', data.decisions).flatMap((d) => {
        const recorded = d.events.find((e) => e.action === 'record-decision');
        return recorded && d.reference
          ? [[d.reference, { record: d, event: recorded }] as const]
          : [];
      }),
    );
    this.linkedBySuccessor = successionsNamedByEstablishment(data.fieldOperations);
    this.leftOut = new Set(
      data.fieldOperations.filter((r) => r.status !== 'complete').map((r) => r.id),
    );
  }

  walk(capability: Capability, records: DataSetRecord[]): void {
    for (const record of this.usable(capability, records)) {
      let day = '0000-01-01';
      record.events.forEach((original, index) => {
        if (original.on && isPartialDate(original.on)) day = firstDay(original.on);
        if (original.gaps.length > 0) {
          const reason = `the sources lack ${original.gaps.join(', ')}`;
          this.notImported.push({ record: record.id, action: original.action, reason });
          return;
        }
        const event = this.withoutLinksRecordedElsewhere(record.id, original);
        const cited =
          typeof event.data.decision === 'string'
            ? this.decisions.get(event.data.decision)
            : undefined;
        if (capability === 'field-operation' && cited && EFFECT_ACTIONS.has(event.action)) {
          const effects = this.effects.get(cited.record.id) ?? [];
          this.effects.set(cited.record.id, [...effects, effectOf(record, event)]);
        } else this.push(capability, record, event, index, day);
      });
    }
  }

  decisionsWithEffects(): void {
    for (const { record, event } of this.decisions.values()) {
      const adopted = event.data.adoptedOn;
      const day =
        typeof adopted === 'string' && isPartialDate(adopted) ? firstDay(adopted) : '0000-01-01';
      const effects = this.effects.get(record.id) ?? [];
      this.push('decision', record, { ...event, data: { ...event.data, effects } }, 0, day);
    }
  }

  plan(): ImportPlan {
    this.dissolveAfterSuccessors();
    const steps = [...this.steps].sort(
      (a, b) =>
        Number(b.capability === 'participating-state') -
          Number(a.capability === 'participating-state') ||
        a.day.localeCompare(b.day) ||
        a.rank - b.rank ||
        a.order - b.order,
    );
    return {
      steps: steps.map(({ rank: _r, order: _o, ...step }) => step),
      notImported: this.notImported,
    };
  }

  /**
   * A dissolution names its successor States, which must be registered: Czechoslovakia ends on
   * 1992-12-31 and Czechia and Slovakia are admitted on 1993-01-01, so it waits for them.
   */
  private dissolveAfterSuccessors(): void {
    const firstDay = new Map<string, string>();
    for (const step of this.steps) {
      if (step.capability === 'participating-state' && !firstDay.has(step.record)) {
        firstDay.set(step.record, step.day);
      }
    }
    for (const [index, step] of this.steps.entries()) {
      if (step.capability !== 'participating-state' || step.action !== 'dissolve') continue;
      const successors = (step.payload.successors as string[] | undefined) ?? [];
      const latest = successors.reduce((day, id) => {
        const start = firstDay.get(id);
        return start !== undefined && start > day ? start : day;
      }, step.day);
      this.steps[index] = { ...step, day: latest, order: step.order + this.steps.length };
    }
  }

  private usable(capability: Capability, records: DataSetRecord[]): DataSetRecord[] {
    return records.filter((record) => {
      if (record.status === 'complete') return true;
      const partly = RECORDED_AS_FAR_AS_KNOWN.has(capability);
      const reason = `incomplete: ${record.incomplete.join('; ')}${partly ? ' (the rest is recorded)' : ''}`;
      this.notImported.push({ record: record.id, reason });
      return partly;
    });
  }

  private push(
    capability: Capability,
    record: DataSetRecord,
    event: DataSetEvent,
    index: number,
    day: string,
  ): void {
    const target =
      event.action === 'establish' && typeof event.data.id === 'string' ? event.data.id : record.id;
    this.steps.push({
      key: `${capability}:${record.id}:${index}`,
      capability,
      record: record.id,
      action: event.action,
      day,
      stream: this.streamOf(capability, target),
      source: event.provenance?.sources[0],
      payload: withProvenance(event),
      rank: RANK[capability],
      order: this.steps.length,
    });
  }

  /**
   * Links the registry cannot take as they are: a closure may name a successor established only
   * later (the successor's establishment records that link, and the read model shows it from both
   * sides), and a link to an operation left out as incomplete would point at nothing (reported).
   */
  private withoutLinksRecordedElsewhere(id: string, event: DataSetEvent): DataSetEvent {
    const field =
      event.action === 'close'
        ? 'successors'
        : event.action === 'establish'
          ? 'predecessors'
          : undefined;
    if (!field || !Array.isArray(event.data[field])) return event;
    const kept = (event.data[field] as string[]).filter((other) => {
      if (this.leftOut.has(other)) {
        const reason = `link to ${other} not recorded: ${other} is left out as incomplete`;
        this.notImported.push({ record: id, action: event.action, reason });
        return false;
      }
      return field === 'predecessors' || !this.linkedBySuccessor.has(`${id}>${other}`);
    });
    return { ...event, data: { ...event.data, [field]: kept } };
  }
}

/** `predecessor>successor` pairs that a successor's establishment names. */
function successionsNamedByEstablishment(operations: DataSetRecord[]): Set<string> {
  const pairs = new Set<string>();
  for (const record of operations) {
    for (const event of record.events) {
      if (event.action !== 'establish') continue;
      for (const predecessor of (event.data.predecessors as string[] | undefined) ?? []) {
        pairs.add(`${predecessor}>${record.id}`);
      }
    }
  }
  return pairs;
}

/** The command body with the fact's provenance (sources, confidence, conflicts, notes). */
function withProvenance(event: DataSetEvent): Record<string, unknown> {
  return event.provenance && event.action !== 'record-decision'
    ? { ...event.data, provenance: event.provenance }
    : event.data;
}

/** A field-operation event as an effect of the decision it cites. */
function effectOf(record: DataSetRecord, event: DataSetEvent): Record<string, unknown> {
  const { decision: _cited, ...body } = withProvenance(event);
  return event.action === 'establish'
    ? { action: 'establish', ...body }
    : { action: event.action, operation: record.id, ...body };
}
