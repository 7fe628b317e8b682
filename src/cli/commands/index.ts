import type { Command } from 'commander';
import { registerImport } from './import.command';
import { registerKeys } from './keys.command';
import { registerRebuild } from './rebuild.command';
import { registerReplay } from './replay.command';
import { registerSeal } from './seal.command';
import { registerVerify } from './verify.command';

/** Each CLI command registers itself on the program; add new ones to this list. */
export type RegisterCommand = (program: Command) => void;

export const CLI_COMMANDS: RegisterCommand[] = [
  registerVerify,
  registerSeal,
  registerRebuild,
  registerReplay,
  registerImport,
  registerKeys,
];
