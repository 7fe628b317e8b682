import type { Command } from 'commander';

/** Each CLI command registers itself on the program; add new ones to this list. */
export type RegisterCommand = (program: Command) => void;

export const CLI_COMMANDS: RegisterCommand[] = [];
