/** How far the read models have got; lets a read wait for a write it depends on. */
export interface ReadModelProgress {
  /** Resolves true once every projection has processed `position`, false after `timeoutMs`. */
  waitFor(position: bigint, timeoutMs: number): Promise<boolean>;
}

export const READ_MODEL_PROGRESS = Symbol('ReadModelProgress');
