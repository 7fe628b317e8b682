import { SingleBar } from 'cli-progress';

export interface ProgressOutput {
  /** Plain lines (results, and progress when not on a terminal). */
  line(text: string): void;
  /** Where the bar is drawn when it is a terminal. */
  readonly terminal?: NodeJS.WriteStream;
}

const PLAIN_EVERY_MS = 1000;

/**
 * Progress of a rebuild in positions of the log (contiguous on SQLite, so events; on KurrentDB
 * the commit positions grow unevenly and the figures are estimates). On a terminal, a bar with
 * events/s and ETA; elsewhere (CI, a pipe) a plain line every second.
 */
export class RebuildProgress {
  private readonly bar?: SingleBar;
  private readonly startedAt = Date.now();
  private lastLineAt = 0;
  private value: number;

  constructor(
    private readonly output: ProgressOutput,
    private readonly total: number,
    private readonly from: number,
    private readonly label = 'rebuild',
    private readonly unit = 'events',
  ) {
    this.value = from;
    if (output.terminal?.isTTY) {
      this.bar = new SingleBar({
        stream: output.terminal,
        format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {speed} ${unit}/s | ETA {eta_formatted}`,
        etaBuffer: 50,
        hideCursor: true,
      });
      this.bar.start(total, from, { speed: 0 });
    }
  }

  update(position: number): void {
    this.value = Math.min(position, this.total);
    const speed = this.speed();
    if (this.bar) {
      this.bar.update(this.value, { speed });
      return;
    }
    if (Date.now() - this.lastLineAt < PLAIN_EVERY_MS) return;
    this.lastLineAt = Date.now();
    this.output.line(this.describe(speed));
  }

  stop(): void {
    this.bar?.stop();
    this.output.line(
      `${this.label}: ${this.value}/${this.total} ${this.unit} in ${this.elapsedSeconds()} s`,
    );
  }

  private describe(speed: number): string {
    const percent = this.total === 0 ? 100 : Math.floor((this.value / this.total) * 100);
    const eta = speed > 0 ? `${Math.ceil((this.total - this.value) / speed)} s` : 'unknown';
    return `${this.label}: ${this.value}/${this.total} ${this.unit} (${percent}%), ${speed} ${this.unit}/s, ETA ${eta}`;
  }

  /** Average speed of this run (a resumed run counts from where it resumed). */
  private speed(): number {
    const seconds = (Date.now() - this.startedAt) / 1000;
    return seconds > 0 ? Math.round((this.value - this.from) / seconds) : 0;
  }

  private elapsedSeconds(): string {
    return ((Date.now() - this.startedAt) / 1000).toFixed(1);
  }
}
