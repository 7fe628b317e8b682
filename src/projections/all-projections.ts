import { ChairpersonshipsProjection } from '../chairpersonships/read/chairpersonships.projection';
import { DecisionsProjection } from '../decisions/read/decisions.projection';
import { AuditIndexProjection } from '../events-feed/audit/audit-index.projection';
import { FieldOperationsProjection } from '../field-operations/read/field-operations.projection';
import { ParticipatingStatesProjection } from '../participating-states/read/participating-states.projection';
import type { Projection } from './projection';

/** Every read model the API serves from, fed by one ProjectionEngine. */
export function allProjections(): Projection[] {
  return [
    new FieldOperationsProjection(),
    new DecisionsProjection(),
    new ParticipatingStatesProjection(),
    new ChairpersonshipsProjection(),
    new AuditIndexProjection(),
  ];
}
