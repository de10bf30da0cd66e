import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { VeloTelemetry } from '@velots/observability';
import { AppRegistry } from './app-registry.js';
import { AppStore } from './app-store.js';
import { stringifyWithRaw } from './json-values.js';
import { route, type Reply, type RouteContext } from './routes.js';
import { HttpError, errorResponse } from './server-errors.js';

/** 1 MiB: the default cap on a request body. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export interface ServerOptions {
  /** Default 127.0.0.1: nothing outside the machine reaches the server unless asked for. */
  readonly host?: string | undefined;
  /** Default 8080; 0 picks a free port. */
  readonly port?: number | undefined;
  /**
   * Where deployed apps are stored (`apps/<name>.sql`) and redeployed from on start, and where their jobs checkpoint
   * (`<name>/<job>/`); none: apps live as long as the process and start from nothing.
   */
  readonly dataDir?: string | undefined;
  /** Relative paths in deployed SQL resolve here, and no path may leave it (default: the working directory). */
  readonly appsDir?: string | undefined;
  /** When set, every route but /healthz needs `Authorization: Bearer <token>`. */
  readonly token?: string | undefined;
  readonly maxBodyBytes?: number | undefined;
  readonly telemetry?: VeloTelemetry | undefined;
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  /** Warnings of jobs and of redeploys; default: stderr. */
  readonly warn?: ((message: string) => void) | undefined;
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The path segments of a request URL, each percent-decoded (so `%2F` stays inside its segment). */
function segmentsOf(pathname: string): string[] {
  return pathname
    .split('/')
    .filter((s) => s.length > 0)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        throw new HttpError(400, 'INVALID_REQUEST', `malformed percent-encoding in '${s}'`);
      }
    });
}

/** Reads a request body up to `limit` bytes; past it, answers 413 (the rest is drained, not kept). */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolvePromise, reject) => {
    const declared = Number(request.headers['content-length'] ?? '0');
    const tooLarge = (): HttpError => new HttpError(413, 'BODY_TOO_LARGE', `request body exceeds ${limit} bytes`);
    const chunks: Buffer[] = [];
    let size = 0;
    let over = declared > limit;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      if (!over) chunks.push(chunk);
      // Drain a moderately oversized body so the client reads our answer; cut off one that keeps coming.
      if (size > limit * 16) request.destroy();
    });
    request.on('end', () => (over ? reject(tooLarge()) : resolvePromise(Buffer.concat(chunks))));
    request.on('close', () => (over ? reject(tooLarge()) : undefined));
    request.on('error', reject);
  });
}

/**
 * The multi-job server: apps deployed over a JSON REST API (node:http), each app's jobs running in this
 * process, metrics at /metrics. `close()` drains every job (flushing its sinks) and stops listening.
 */
export class VeloServer {
  readonly telemetry: VeloTelemetry;
  readonly registry: AppRegistry;
  private ready = false;
  private readonly http: Server;
  private readonly maxBodyBytes: number;
  private readonly appsDir: string;

  private constructor(private readonly options: ServerOptions) {
    this.telemetry = options.telemetry ?? new VeloTelemetry({ env: options.env });
    this.appsDir = resolve(options.appsDir ?? process.cwd());
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    const warn = options.warn ?? ((message: string) => process.stderr.write(`warning: ${message}\n`));
    const store = options.dataDir === undefined ? undefined : new AppStore(resolve(options.dataDir));
    this.registry = new AppRegistry(
      { telemetry: this.telemetry, appsDir: this.appsDir, env: options.env ?? process.env, warn, checkpointDir: store ? (app) => store.checkpointDir(app) : undefined },
      store,
    );
    this.http = createServer((request, response) => void this.handle(request, response));
  }

  /** Starts listening, then redeploys the apps stored in the data directory (/readyz answers 200 after that). */
  static async start(options: ServerOptions = {}): Promise<VeloServer> {
    const server = new VeloServer(options);
    await new Promise<void>((resolvePromise, reject) => {
      server.http.once('error', reject);
      server.http.listen(options.port ?? 8080, options.host ?? '127.0.0.1', () => resolvePromise());
    });
    await server.registry.restore();
    server.ready = true;
    return server;
  }

  /** `http://host:port` of the listening socket. */
  get url(): string {
    const address = this.http.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `http://${host}:${address.port}`;
  }

  /** Stops every job (each drains its batch and flushes its sinks), stops listening and flushes traces. */
  async close(): Promise<void> {
    this.ready = false;
    await this.registry.stopAll();
    await new Promise<void>((resolvePromise) => {
      this.http.close(() => resolvePromise());
      this.http.closeAllConnections();
    });
    await this.telemetry.shutdown();
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let reply: Reply;
    try {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const segments = segmentsOf(url.pathname);
      if (segments[0] !== 'healthz') this.authorize(request);
      const context: RouteContext = { registry: this.registry, telemetry: this.telemetry, appsDir: this.appsDir, isReady: () => this.ready };
      let parsed: Promise<unknown> | undefined;
      const body = (): Promise<unknown> =>
        (parsed ??= readBody(request, this.maxBodyBytes).then((bytes) => {
          try {
            return JSON.parse(bytes.toString('utf8')) as unknown;
          } catch (error) {
            throw new HttpError(400, 'INVALID_JSON', `the request body is not JSON: ${error instanceof Error ? error.message : String(error)}`);
          }
        }));
      reply = await route({ method: request.method ?? 'GET', segments, query: url.searchParams, body }, context);
    } catch (error) {
      const { status, body } = errorResponse(error);
      reply = { status, json: body };
    }
    this.send(response, reply);
  }

  private authorize(request: IncomingMessage): void {
    const token = this.options.token;
    if (token === undefined) return;
    const header = request.headers.authorization;
    if (header === undefined || !header.startsWith('Bearer ')) throw new HttpError(401, 'UNAUTHORIZED', 'this server needs Authorization: Bearer <token>');
    if (!sameToken(header.slice('Bearer '.length), token)) throw new HttpError(403, 'FORBIDDEN', 'the bearer token is not valid');
  }

  private send(response: ServerResponse, reply: Reply): void {
    const status = reply.status ?? 200;
    const [text, contentType] = 'json' in reply ? [`${stringifyWithRaw(reply.json)}\n`, 'application/json; charset=utf-8'] : [reply.text, reply.contentType];
    const headers: Record<string, string | number> = { 'content-type': contentType, 'content-length': Buffer.byteLength(text) };
    if (status === 401) headers['www-authenticate'] = 'Bearer';
    if (status === 413) headers['connection'] = 'close';
    response.writeHead(status, headers);
    response.end(text);
  }
}

/** Starts a server: see `VeloServer`. */
export function startServer(options: ServerOptions = {}): Promise<VeloServer> {
  return VeloServer.start(options);
}
