import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A schema as the fixture stores it. */
export interface FixtureSchema {
  readonly id: number;
  readonly schema: string;
  readonly schemaType: string;
  readonly references?: readonly unknown[] | undefined;
}

/** A running fixture: its base URL, what it holds, the requests it served, and `close()`. */
export interface SchemaRegistryFixture {
  readonly url: string;
  /** Every request served, as `METHOD path` (tests assert caching with it). */
  readonly requests: readonly string[];
  /** Registers a schema directly (as another producer would have), returning its id. */
  register(subject: string, schema: string, schemaType?: string): number;
  close(): Promise<void>;
}

const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';

/** Confluent compares Avro schemas in canonical form; whitespace-insensitive JSON is close enough here. */
function canonical(schema: string, schemaType: string): string {
  if (schemaType !== 'AVRO') return schema.trim();
  try {
    return JSON.stringify(JSON.parse(schema));
  } catch {
    return schema.trim();
  }
}

class RegistryState {
  readonly schemas: FixtureSchema[] = [];
  readonly subjects = new Map<string, number[]>();

  register(subject: string, schema: string, schemaType: string, references?: readonly unknown[]): number {
    const key = canonical(schema, schemaType);
    let stored = this.schemas.find((s) => s.schemaType === schemaType && canonical(s.schema, s.schemaType) === key);
    if (!stored) {
      stored = { id: this.schemas.length + 1, schema, schemaType, references };
      this.schemas.push(stored);
    }
    const versions = this.subjects.get(subject) ?? [];
    if (!versions.includes(stored.id)) versions.push(stored.id);
    this.subjects.set(subject, versions);
    return stored.id;
  }

  byId(id: number): FixtureSchema | undefined {
    return this.schemas[id - 1];
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': CONTENT_TYPE });
  response.end(JSON.stringify(body));
}

function notFound(response: ServerResponse, errorCode: number, message: string): void {
  send(response, 404, { error_code: errorCode, message });
}

async function readJson(request: IncomingMessage): Promise<{ schema?: string; schemaType?: string; references?: unknown[] }> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { schema?: string; schemaType?: string; references?: unknown[] };
}

function schemaAnswer(schema: FixtureSchema, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...extra,
    id: schema.id,
    schema: schema.schema,
    // Like Confluent: schemaType is left out for Avro.
    ...(schema.schemaType === 'AVRO' ? {} : { schemaType: schema.schemaType }),
    ...(schema.references && schema.references.length > 0 ? { references: schema.references } : {}),
  };
}

async function handle(state: RegistryState, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = decodeURIComponent(new URL(request.url ?? '/', 'http://fixture').pathname);
  const method = request.method ?? 'GET';
  let match: RegExpMatchArray | null;
  if (method === 'GET' && (match = path.match(/^\/schemas\/ids\/(\d+)$/))) {
    const schema = state.byId(Number(match[1]));
    return schema ? send(response, 200, schemaAnswer(schema)) : notFound(response, 40403, 'Schema not found');
  }
  if (method === 'POST' && (match = path.match(/^\/subjects\/([^/]+)\/versions$/))) {
    const body = await readJson(request);
    if (typeof body.schema !== 'string') return send(response, 422, { error_code: 42201, message: 'Invalid schema' });
    return send(response, 200, { id: state.register(match[1] as string, body.schema, body.schemaType ?? 'AVRO', body.references) });
  }
  if (method === 'POST' && (match = path.match(/^\/subjects\/([^/]+)$/))) {
    const subject = match[1] as string;
    const versions = state.subjects.get(subject);
    if (!versions) return notFound(response, 40401, `Subject '${subject}' not found.`);
    const body = await readJson(request);
    const type = body.schemaType ?? 'AVRO';
    const key = canonical(body.schema ?? '', type);
    const index = versions.findIndex((id) => {
      const s = state.byId(id) as FixtureSchema;
      return s.schemaType === type && canonical(s.schema, type) === key;
    });
    if (index < 0) return notFound(response, 40403, 'Schema not found');
    return send(response, 200, schemaAnswer(state.byId(versions[index] as number) as FixtureSchema, { subject, version: index + 1 }));
  }
  if (method === 'GET' && (match = path.match(/^\/subjects\/([^/]+)\/versions\/latest$/))) {
    const subject = match[1] as string;
    const versions = state.subjects.get(subject);
    if (!versions || versions.length === 0) return notFound(response, 40401, `Subject '${subject}' not found.`);
    const id = versions[versions.length - 1] as number;
    return send(response, 200, schemaAnswer(state.byId(id) as FixtureSchema, { subject, version: versions.length }));
  }
  if (method === 'GET' && path === '/subjects') return send(response, 200, [...state.subjects.keys()]);
  send(response, 404, { error_code: 404, message: `no route ${method} ${path}` });
}

/** Options of the fixture: require HTTP basic authentication with these credentials. */
export interface SchemaRegistryFixtureOptions {
  readonly basicAuth?: { readonly username: string; readonly password: string } | undefined;
}

/**
 * Starts an in-process schema registry on loopback implementing the Confluent REST subset Velo TS uses:
 * POST /subjects/{s}/versions (register), POST /subjects/{s} (lookup), GET /schemas/ids/{id},
 * GET /subjects/{s}/versions/latest, GET /subjects. State lives in memory until `close()`; with `basicAuth`,
 * requests without those credentials get 401.
 */
export async function startSchemaRegistryFixture(options: SchemaRegistryFixtureOptions = {}): Promise<SchemaRegistryFixture> {
  const state = new RegistryState();
  const requests: string[] = [];
  const expectedAuth = options.basicAuth
    ? `Basic ${Buffer.from(`${options.basicAuth.username}:${options.basicAuth.password}`).toString('base64')}`
    : undefined;
  const server = createServer((request, response) => {
    requests.push(`${request.method ?? 'GET'} ${request.url ?? '/'}`);
    if (expectedAuth !== undefined && request.headers.authorization !== expectedAuth) {
      send(response, 401, { error_code: 40101, message: 'Unauthorized' });
      return;
    }
    handle(state, request, response).catch((error: unknown) => send(response, 500, { error_code: 50001, message: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    register: (subject, schema, schemaType = 'AVRO') => state.register(subject, schema, schemaType),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
