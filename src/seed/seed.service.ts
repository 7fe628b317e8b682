import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { REGISTRY_CONFIG, type RegistryConfig } from '../config/registry-config';
import { RecordDecisionCommand } from '../decisions/record/record-decision.command';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { EstablishFieldOperationCommand } from '../field-operations/establish/establish.command';
import { AdmitStateCommand } from '../participating-states/admit/admit.command';
import type { CommandContext } from '../shared/application/command-context';
import { advisoryAndMonitoringGroup, belarus, pcDec526 } from './osce-example';

/** With REGISTRY_SEED=osce, loads the bundled example into an empty store through the same commands staff use. */
@Injectable()
export class SeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Seed');

  constructor(
    @Inject(REGISTRY_CONFIG) private readonly config: RegistryConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly commands: CommandBus,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.seed !== 'osce') return;
    if ((await this.store.headPosition()) !== undefined) return;
    const correlationId = randomUUID();
    const context: CommandContext = {
      actor: 'seed',
      correlationId,
      causationId: correlationId,
      reason: 'Bundled example: OSCE press release of 30 December 2002 (PC.DEC/526)',
    };
    await this.commands.execute(new AdmitStateCommand(belarus, context));
    await this.commands.execute(
      new EstablishFieldOperationCommand(advisoryAndMonitoringGroup, context),
    );
    const result = await this.commands.execute(new RecordDecisionCommand(pcDec526, context));
    this.logger.log(`Loaded the bundled example (up to position ${result.position})`);
  }
}
