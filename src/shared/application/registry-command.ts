import { Command } from '@nestjs/cqrs';
import type { CommandContext } from './command-context';
import type { WriteResult } from './write-result';

/** Every registry command: a validated payload and who asks; its handler answers a WriteResult. */
export abstract class RegistryCommand<Payload> extends Command<WriteResult> {
  constructor(
    readonly payload: Payload,
    readonly context: CommandContext,
  ) {
    super();
  }
}
