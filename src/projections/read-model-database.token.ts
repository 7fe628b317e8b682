/** The read-model SQLite database, with every projection's tables set up. */
export const READ_MODEL_DATABASE = Symbol('ReadModelDatabase');
