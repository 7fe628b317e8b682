import type { PartialDate } from '../../shared/domain/partial-date';
import { slugOfReference } from '../../shared/domain/slug';

export const DECISION_BODIES = [
  'summit',
  'ministerial-council',
  'permanent-council',
  'senior-council',
  'forum-for-security-co-operation',
  'chairperson-in-office',
] as const;
export type DecisionBody = (typeof DECISION_BODIES)[number];

export const EFFECT_ACTIONS = [
  'establish',
  'agree-mandate',
  'extend-mandate',
  'rename',
  'appoint-head',
  'change-seat',
  'change-host-states',
  'note',
  'close',
] as const;
export type EffectAction = (typeof EFFECT_ACTIONS)[number];

export interface DecisionRecorded {
  decisionId: string;
  reference: string;
  body: DecisionBody;
  adoptedOn: PartialDate;
  title: string | null;
  sourceUrl: string | null;
  /** What the decision changed, in order: one entry per effect. */
  effects: Array<{ action: EffectAction; operation: string }>;
}

export const DECISION_RECORDED = 'DecisionRecorded';
export const DECISION_STREAM_PREFIX = 'decision-';
export const decisionIdOf = slugOfReference;
export const streamOfDecision = (reference: string): string =>
  `${DECISION_STREAM_PREFIX}${decisionIdOf(reference)}`;

export type Decision = DecisionRecorded | undefined;

export function evolveDecision(state: Decision, event: { type: string; data: unknown }): Decision {
  return event.type === DECISION_RECORDED ? (event.data as DecisionRecorded) : state;
}
