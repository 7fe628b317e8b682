import type { ICommand } from '@nestjs/cqrs';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { randomUUID } from 'node:crypto';
import type { EventStore } from '../event-store/event-store.port';
import { pointedFailures } from '../http/validation/validation-problem';
import type { CommandContext } from '../shared/application/command-context';
import { loadStream } from '../shared/application/stream-state';
import type { DataSet } from './data-set';
import { actionOf } from './import-actions';
import { type ImportPlan, type ImportStep, type NotImported, planImport } from './import-plan';

export interface ImportReport {
  /** Commands recorded by this run. */
  readonly recorded: number;
  /** Commands whose events were already there (an earlier run). */
  readonly alreadyThere: number;
  /** Commands refused (validation or a domain rule), with the record and why. */
  readonly failed: NotImported[];
  /** Records and events the data set itself marks as not recordable. */
  readonly notImported: NotImported[];
  readonly lastPosition: bigint | undefined;
}

export type Execute = (command: ICommand) => Promise<{ position: bigint }>;

/**
 * Loads a data set through the same commands staff use (actor `import`, reason citing the source),
 * in date order. Each command's events carry the step's import key, so a second run finds them and
 * records nothing; a step that fails is reported and the others go on.
 */
export class Importer {
  constructor(
    private readonly store: EventStore,
    private readonly execute: Execute,
    private readonly actor = 'import',
  ) {}

  async run(
    data: DataSet,
    progress?: (done: number, total: number) => void,
  ): Promise<ImportReport> {
    const plan: ImportPlan = planImport(data);
    const failed: NotImported[] = [];
    let recorded = 0;
    let alreadyThere = 0;
    let lastPosition: bigint | undefined;
    for (const [index, step] of plan.steps.entries()) {
      try {
        if (await this.alreadyRecorded(step)) alreadyThere += 1;
        else {
          lastPosition = await this.record(step);
          recorded += 1;
        }
      } catch (error) {
        failed.push({ record: step.record, action: step.action, reason: reasonOf(error) });
      }
      progress?.(index + 1, plan.steps.length);
    }
    return { recorded, alreadyThere, failed, notImported: plan.notImported, lastPosition };
  }

  private async alreadyRecorded(step: ImportStep): Promise<boolean> {
    const { events } = await loadStream(this.store, step.stream);
    return events.some((event) => event.metadata.importKey === step.key);
  }

  private async record(step: ImportStep): Promise<bigint> {
    const action = actionOf(step.capability, step.action);
    if (!action) throw new Error(`no command for ${step.capability} action "${step.action}"`);
    const body = action.body ? action.body(step.record, step.payload) : step.payload;
    const dto = plainToInstance(action.dto, body);
    const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length > 0) {
      const failures = pointedFailures(errors).map((f) =>
        'pointer' in f ? `${f.pointer}: ${f.detail}` : f.detail,
      );
      throw new Error(`invalid: ${failures.join('; ')}`);
    }
    const correlationId = randomUUID();
    const context: CommandContext = {
      actor: this.actor,
      correlationId,
      causationId: correlationId,
      reason: `Imported from the OSCE data set (${step.record}, ${step.action})${step.source ? `; source: ${step.source}` : ''}`,
      importKey: step.key,
    };
    const result = await this.execute(action.command(step.record, dto as never, context));
    return result.position;
  }
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
