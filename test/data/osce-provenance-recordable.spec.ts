import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ChangeHostStatesDto } from '../../src/field-operations/change-host-states/change-host-states.dto';
import { ChangeSeatDto } from '../../src/field-operations/change-seat/change-seat.dto';
import { withProvenance } from '../../src/field-operations/domain/provenance';
import { ProvenanceDto } from '../../src/field-operations/provenance.dto';
import { RecordNoteDto } from '../../src/field-operations/record-note/record-note.dto';
import { operations } from './osce-data';

const OPTIONS = { whitelist: true, forbidNonWhitelisted: true };
const failuresOf = (type: new () => object, body: unknown) =>
  validateSync(plainToInstance<object, unknown>(type, body), OPTIONS);
const events = operations.flatMap((record) =>
  record.events.map((event) => ({ id: record.id, ...event })),
);

/** What the import will send: every fact's provenance as the data set has it, unchanged. */
describe('the data set through the field-operation command bodies', () => {
  it('has a provenance on every fact that the DTO and the domain accept as it is', () => {
    const refused = events.filter(
      ({ provenance }) => failuresOf(ProvenanceDto, provenance).length > 0,
    );
    expect(refused.map((e) => `${e.id} ${e.action}`)).toEqual([]);
    for (const { provenance } of events) {
      expect(withProvenance(provenance).provenance).toEqual({
        ...provenance,
        conflicts: provenance.conflicts.map((c) => ({ ...c, resolution: c.resolution ?? null })),
      });
    }
  });

  it('maps its notes, seat and host-State changes onto the new commands', () => {
    const bodyOf = (event: (typeof events)[number]): [new () => object, unknown] => {
      const data: Record<string, unknown> = event.data;
      if (event.action === 'change-seat') return [ChangeSeatDto, data];
      if (event.action === 'change-host-states') return [ChangeHostStatesDto, data];
      const { date, summary, category, decision } = data;
      return [
        RecordNoteDto,
        { on: date ?? undefined, category, text: summary, decision: decision ?? undefined },
      ];
    };
    const newFacts = events.filter((e) =>
      ['note', 'change-seat', 'change-host-states'].includes(e.action),
    );
    expect(newFacts.length).toBeGreaterThan(60);
    for (const event of newFacts) {
      const [type, body] = bodyOf(event);
      const failures = failuresOf(type, { ...(body as object), provenance: event.provenance });
      expect({ id: event.id, action: event.action, failures }).toEqual({
        id: event.id,
        action: event.action,
        failures: [],
      });
    }
  });
});
