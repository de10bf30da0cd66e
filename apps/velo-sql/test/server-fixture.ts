import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { VeloServer, type ServerOptions } from '../src/index.js';

/** Servers a test started; each is closed after the test. */
const started: VeloServer[] = [];

afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
});

/** A temp apps folder with the given files. */
export function appsFolder(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'velo-sql-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** A server on a free port of 127.0.0.1, closed after the test. */
export async function startTestServer(options: ServerOptions = {}): Promise<VeloServer> {
  const server = await VeloServer.start({ port: 0, appsDir: options.appsDir ?? appsFolder(), warn: () => undefined, env: {}, ...options });
  started.push(server);
  return server;
}

/** Forgets a server the test closed itself. */
export function forget(server: VeloServer): void {
  const i = started.indexOf(server);
  if (i !== -1) started.splice(i, 1);
}

export interface HttpAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly text: string;
}

/** A real HTTP request; the body is sent as JSON unless it is a string. */
export async function http(server: VeloServer, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, body: parsed, text };
}

/** Polls `probe` until it returns true (or fails after `ms`). */
export async function eventually(probe: () => Promise<boolean> | boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** GET /jobs/{id} as an object. */
export async function jobOf(server: VeloServer, id: string): Promise<Record<string, unknown>> {
  return (await http(server, 'GET', `/jobs/${encodeURIComponent(id)}`)).body as Record<string, unknown>;
}
