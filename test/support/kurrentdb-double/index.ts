/**
 * An in-process gRPC *protocol double* of KurrentDB for tests.
 *
 * It serves the service definitions shipped with `@kurrent/kurrentdb-client`
 * on a real loopback port, so the real client (and the Rust bridge it uses
 * for reads) talks to it exactly as to a server. Events live in memory and
 * survive `stop()`/`start()`, which simulate an outage on the same port.
 *
 * Implemented: ServerFeatures.GetSupportedMethods, Streams.Append,
 * Streams.Read (stream and $all reads, filters, subscriptions) and the v2
 * StreamsService.AppendSession. Anything else answers UNIMPLEMENTED.
 */
import { connect } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import * as grpc from '@grpc/grpc-js';
import { createAppendHandler } from './append-handler';
import { createAppendSessionHandler } from './append-session-handler';
import { EventLog } from './event-log';
import { ServerFeaturesService, StreamsService, StreamsV2Service } from './generated-protocol';
import { createReadHandler } from './read-handler';
import { advertisedMethods, createGetSupportedMethodsHandler } from './server-features-handler';
import { SubscriptionRegistry } from './subscriptions';

export interface KurrentDbDoubleOptions {
  /** Advertise (and serve) the v2 AppendSession behind `multiStreamAppend`. Default true; false acts as a pre-25.1 server. */
  advertiseMultiStreamAppend?: boolean;
  /** Reported by GetSupportedMethods. Default "25.1.0", or "24.10.0" without multi-stream append. */
  serverVersion?: string;
}

export interface KurrentDbDouble {
  /**
   * `kurrentdb://127.0.0.1:PORT?tls=false&discoveryInterval=10`: a single node
   * (no gossip); the short discovery interval saves the read bridge's ~500 ms
   * wait before its first connection.
   */
  readonly connectionString: string;
  readonly port: number;
  /** Simulates an outage: closes the socket and force-closes live calls, keeps the events. */
  stop(): Promise<void>;
  /** Comes back on the same port with the same events. */
  start(): Promise<void>;
  /** Stops for good. */
  dispose(): Promise<void>;
  activeSubscriptions(): number;
  /** User events stored (system `$` streams excluded). */
  eventCount(): number;
}

export async function startKurrentDbDouble(
  options: KurrentDbDoubleOptions = {},
): Promise<KurrentDbDouble> {
  const double = new InProcessKurrentDb(options);
  await double.start();
  return double;
}

const HOST = '127.0.0.1';
const BIND_RETRY_MS = 25;
const BIND_ATTEMPTS = 80;
/** Time for clients to notice their dropped connections, so the next call meets a closed port. */
const DISCONNECT_GRACE_MS = 25;

class InProcessKurrentDb implements KurrentDbDouble {
  private readonly log = new EventLog();
  private readonly subscriptions = new SubscriptionRegistry();
  private readonly withAppendSession: boolean;
  private readonly serverVersion: string;
  private server: grpc.Server | undefined;
  private boundPort = 0;
  private disposed = false;

  constructor(options: KurrentDbDoubleOptions) {
    this.withAppendSession = options.advertiseMultiStreamAppend ?? true;
    this.serverVersion = options.serverVersion ?? (this.withAppendSession ? '25.1.0' : '24.10.0');
    seedSystemEvents(this.log);
  }

  get port(): number {
    return this.boundPort;
  }

  get connectionString(): string {
    return `kurrentdb://${HOST}:${this.boundPort}?tls=false&discoveryInterval=10`;
  }

  async start(): Promise<void> {
    if (this.disposed) throw new Error('The KurrentDB double has been disposed');
    if (this.server !== undefined) return;
    const server = this.createServer();
    this.boundPort = await bindWithRetry(server, `${HOST}:${this.boundPort}`);
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    this.server = undefined;
    this.subscriptions.releaseAll();
    server.forceShutdown();
    await untilRefused(this.boundPort);
    await delay(DISCONNECT_GRACE_MS);
  }

  async dispose(): Promise<void> {
    await this.stop();
    this.disposed = true;
  }

  activeSubscriptions(): number {
    return this.subscriptions.count();
  }

  eventCount(): number {
    return this.log.userEventCount();
  }

  private createServer(): grpc.Server {
    const server = new grpc.Server();
    server.addService(ServerFeaturesService, {
      getSupportedMethods: createGetSupportedMethodsHandler(
        this.serverVersion,
        advertisedMethods(this.withAppendSession),
      ),
    });
    server.addService(StreamsService, {
      read: createReadHandler(this.log, this.subscriptions),
      append: createAppendHandler(this.log),
    });
    if (this.withAppendSession) {
      server.addService(StreamsV2Service, { appendSession: createAppendSessionHandler(this.log) });
    }
    return server;
  }
}

/** A fresh KurrentDB node already has system events in $all; consumers must skip them. */
function seedSystemEvents(log: EventLog): void {
  log.appendSystemEvent('$$$scavenges', '$metadata', { $maxAge: 2592000 });
  log.appendSystemEvent('$settings', '$settings', { $userStreamAcl: {}, $systemStreamAcl: {} });
}

/** After a forced shutdown the old listener may take a moment to release the port. */
async function bindWithRetry(server: grpc.Server, address: string): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await new Promise<number>((resolve, reject) => {
        server.bindAsync(address, grpc.ServerCredentials.createInsecure(), (error, port) =>
          error ? reject(error) : resolve(port),
        );
      });
    } catch (error) {
      if (attempt >= BIND_ATTEMPTS) throw error;
      await delay(BIND_RETRY_MS);
    }
  }
}

/** Resolves once nothing accepts connections on the port any more. */
async function untilRefused(port: number): Promise<void> {
  for (let attempt = 1; attempt <= BIND_ATTEMPTS; attempt++) {
    const accepted = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: HOST, port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (!accepted) return;
    await delay(BIND_RETRY_MS);
  }
}
