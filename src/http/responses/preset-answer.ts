/**
 * A complete answer given instead of running the route, such as an idempotent replay: a guard
 * throws it (the one way a Nest guard can answer), and the problem filter sends it as it is.
 */
export class PresetAnswer extends Error {
  constructor(
    readonly status: number,
    readonly headers: Readonly<Record<string, string>>,
    readonly body: string,
  ) {
    super(`preset answer ${status}`);
  }
}
