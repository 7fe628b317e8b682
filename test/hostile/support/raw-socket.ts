import { connect } from 'node:net';

export interface SocketAnswer {
  /** The status of the first answer, 0 if none came. */
  readonly status: number;
  /** Its header fields by lower-case name (the last of a repeated one). */
  readonly headers: Readonly<Record<string, string>>;
  /** Its body (by Content-Length), as UTF-8 text. */
  readonly body: string;
  /** Whether the server closed the connection before `waitMs` ran out. */
  readonly closed: boolean;
  /** Milliseconds from the first byte sent to the first answer byte (or the close, or the end). */
  readonly elapsedMs: number;
}

/**
 * Sends `bytes` on a fresh TCP connection exactly as given (nothing a client library would check
 * or fix), then waits up to `waitMs` for the server to answer and close; never writes more.
 */
export function sendRaw(
  baseUrl: string,
  bytes: string | Buffer,
  options: { waitMs?: number; thenClose?: boolean } = {},
): Promise<SocketAnswer> {
  const url = new URL(baseUrl);
  const waitMs = options.waitMs ?? 3000;
  return new Promise((resolve) => {
    const socket = connect(Number(url.port), url.hostname);
    const chunks: Buffer[] = [];
    const started = Date.now();
    let firstByteAt: number | undefined;
    let settled = false;
    const finish = (closed: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({
        ...parse(Buffer.concat(chunks)),
        closed,
        elapsedMs: (firstByteAt ?? Date.now()) - started,
      });
    };
    const timer = setTimeout(() => finish(false), waitMs);
    socket.on('data', (chunk: Buffer) => {
      firstByteAt ??= Date.now();
      chunks.push(chunk);
    });
    socket.on('close', () => finish(true));
    socket.on('error', () => finish(true));
    socket.write(bytes);
    if (options.thenClose) socket.end();
  });
}

function parse(raw: Buffer): Pick<SocketAnswer, 'status' | 'headers' | 'body'> {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) return { status: 0, headers: {}, body: raw.toString('utf8') };
  const [statusLine, ...lines] = raw.subarray(0, end).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0)
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const start = end + 4;
  const length = Number(headers['content-length'] ?? raw.length - start);
  return {
    status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0),
    headers,
    body: raw.subarray(start, start + length).toString('utf8'),
  };
}
