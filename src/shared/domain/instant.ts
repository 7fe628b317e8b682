/**
 * An ISO 8601 instant with a time zone, as `knownAt` takes it: `2003-01-01T00:00:00Z`,
 * `2003-01-01T01:00+01:00`, `2024-01-02T09:30:00.123456Z`. Recorded time is kept in milliseconds.
 */
const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * Epoch milliseconds of the instant, a finer fraction cut off (so "recorded at or before it"
 * compares exactly on milliseconds), or undefined when the text is not a real instant.
 */
export function instantMs(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = INSTANT.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second = 0] = m.slice(1, 7).map((v) => Number(v ?? 0));
  const [sign, zoneHours, zoneMinutes] = [m[8], Number(m[9] ?? 0), Number(m[10] ?? 0)];
  const local = Date.UTC(year, month - 1, day, hour, minute, second);
  const date = new Date(local);
  const real =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60 &&
    zoneHours < 24 &&
    zoneMinutes < 60;
  if (!real) return undefined;
  const offset = (sign === '-' ? -1 : 1) * (zoneHours * 60 + zoneMinutes) * 60_000;
  return local - offset + Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
}

export const isInstant = (text: unknown): boolean => instantMs(text) !== undefined;
