import type { ZodType } from 'zod';
import { explainJob } from '@velots/planner';
import type { VeloTelemetry } from '@velots/observability';
import type { AppRegistry } from './app-registry.js';
import type { DeployedApp } from './deployed-app.js';
import { explainAnalyze } from './explain-analyze.js';
import { jobDetail, jobProfile, jobSummary } from './job-views.js';
import { RawJson, rowJsonObject } from './json-values.js';
import { openApiDocument } from './openapi.js';
import { DeployRequest, ExplainRequest, QueryRequest, ReplaceParam } from './request-schemas.js';
import { HttpError } from './server-errors.js';
import { explainSql, runSqlRequest } from './sql-requests.js';

/** What a handler answers: a JSON body, or text with its content type. */
export type Reply = { readonly status?: number; readonly json: unknown } | { readonly status?: number; readonly text: string; readonly contentType: string };

/** A request as handlers see it: path segments (decoded), query and the parsed JSON body. */
export interface RouteRequest {
  readonly method: string;
  readonly segments: readonly string[];
  readonly query: URLSearchParams;
  /** The JSON body, parsed lazily (400 when it is not JSON). */
  body(): Promise<unknown>;
}

export interface RouteContext {
  readonly registry: AppRegistry;
  readonly telemetry: VeloTelemetry;
  readonly appsDir: string;
  readonly isReady: () => boolean;
}

const JOB_ACTIONS = new Set(['stop', 'pause', 'resume', 'restart', 'profile']);

/** Validates a body at the edge; the handler gets typed input or the client gets 400 with what is wrong. */
function validate<T>(schema: ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  throw new HttpError(400, 'INVALID_REQUEST', `${where}${issue?.message ?? 'invalid request'}`);
}

function appView(app: DeployedApp): Record<string, unknown> {
  return { name: app.name, deployedAt: app.deployedAt, jobs: app.jobs().map((j) => jobSummary(j)), tables: [...app.tables.keys()] };
}

/** Routes a request to its handler; 404 for unknown paths, 405 for a known path with another method. */
export async function route(request: RouteRequest, context: RouteContext): Promise<Reply> {
  const { method, segments } = request;
  const [head, ...rest] = segments;
  const { registry } = context;
  const allow = (...methods: string[]): void => {
    if (!methods.includes(method)) throw new HttpError(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed on /${segments.join('/')} (allowed: ${methods.join(', ')})`);
  };
  switch (head) {
    case 'healthz':
      allow('GET');
      return { json: { status: 'ok' } };
    case 'readyz':
      allow('GET');
      return context.isReady() ? { json: { status: 'ready' } } : { status: 503, json: { status: 'starting' } };
    case 'openapi.json':
      allow('GET');
      return { json: openApiDocument() };
    case 'metrics':
      allow('GET');
      return { text: await context.telemetry.prometheusText(), contentType: context.telemetry.metrics.contentType };
    case 'apps':
      return appsRoute(request, rest, context);
    case 'jobs':
      return jobsRoute(request, rest, context);
    case 'tables': {
      allow('GET');
      if (rest.length < 3 || rest[1] !== 'rows') break;
      const table = registry.table(rest[0]!);
      const key = rest.slice(2).join('/');
      const row = table.get(key);
      if (!row) throw new HttpError(404, 'ROW_NOT_FOUND', `table '${table.name}' has no row with key '${key}'`);
      return { json: { table: table.name, key, row: new RawJson(rowJsonObject(table.schema, row)) } };
    }
    case 'query': {
      allow('POST');
      const body = validate(QueryRequest, await request.body());
      return { json: await runSqlRequest(body.sql, registry, context.appsDir) };
    }
    case 'explain': {
      allow('POST');
      const body = validate(ExplainRequest, await request.body());
      if ('sql' in body) return { json: { plan: await explainSql(body.sql, context.appsDir) } };
      const job = registry.job(body.job);
      return { json: { job: job.id, plan: body.analyze ? explainAnalyze(job) : explainJob(job.plan) } };
    }
    default:
      break;
  }
  throw new HttpError(404, 'NOT_FOUND', `no route ${method} /${segments.join('/')}`);
}

async function appsRoute(request: RouteRequest, rest: readonly string[], context: RouteContext): Promise<Reply> {
  const { registry } = context;
  if (rest.length === 0) {
    if (request.method === 'GET') return { json: registry.list().map(appView) };
    if (request.method !== 'POST') throw new HttpError(405, 'METHOD_NOT_ALLOWED', `${request.method} is not allowed on /apps (allowed: GET, POST)`);
    const body = validate(DeployRequest, await request.body());
    const replace = validate(ReplaceParam, request.query.get('replace') ?? undefined) === 'true';
    const app = await registry.deploy(body.name, body.sql, replace);
    return { status: 201, json: { name: app.name, jobs: app.jobs().map((j) => j.id) } };
  }
  if (rest.length !== 1) throw new HttpError(404, 'NOT_FOUND', `no route /apps/${rest.join('/')}`);
  const name = rest[0]!;
  if (request.method === 'GET') {
    const app = registry.get(name);
    return { json: { ...appView(app), sql: app.sql } };
  }
  if (request.method === 'DELETE') {
    const jobs = registry.get(name).jobs().map((j) => j.id);
    await registry.undeploy(name);
    return { json: { name, stopped: jobs } };
  }
  throw new HttpError(405, 'METHOD_NOT_ALLOWED', `${request.method} is not allowed on /apps/${name} (allowed: GET, DELETE)`);
}

async function jobsRoute(request: RouteRequest, rest: readonly string[], context: RouteContext): Promise<Reply> {
  const { registry } = context;
  if (rest.length === 0) {
    if (request.method !== 'GET') throw new HttpError(405, 'METHOD_NOT_ALLOWED', `${request.method} is not allowed on /jobs`);
    const now = Date.now();
    return { json: registry.jobs().map((j) => jobSummary(j, now)) };
  }
  // A job id is `<app>/<name>`: written as one %2F-encoded segment or as two.
  const last = rest[rest.length - 1]!;
  const action = rest.length >= 2 && JOB_ACTIONS.has(last) ? last : undefined;
  const id = (action ? rest.slice(0, -1) : rest).join('/');
  const job = registry.job(id);
  if (action === undefined || action === 'profile') {
    if (request.method !== 'GET') throw new HttpError(405, 'METHOD_NOT_ALLOWED', `${request.method} is not allowed here (allowed: GET)`);
    return { json: action === 'profile' ? jobProfile(job) : jobDetail(job) };
  }
  if (request.method !== 'POST') throw new HttpError(405, 'METHOD_NOT_ALLOWED', `${request.method} is not allowed on a job action (allowed: POST)`);
  if (action === 'restart') {
    await registry.get(job.app).restart();
    return { json: jobDetail(registry.job(job.id)) };
  }
  // A job just deployed gets its runner once its sinks are open: wait for it rather than refuse.
  if (job.state === 'starting') await settled(() => registry.job(job.id).state !== 'starting');
  const current = registry.job(job.id);
  const runner = current.runner;
  const live = current.state === 'running' || current.state === 'stalled' || current.state === 'paused';
  if (!runner || !live) throw new HttpError(409, 'JOB_NOT_RUNNING', `job '${job.id}' is ${current.state}`);
  if (action === 'stop') {
    runner.stop();
    await settled(() => !['running', 'stalled', 'paused'].includes(registry.job(job.id).state));
  } else if (action === 'pause') {
    runner.pause();
    await settled(() => registry.job(job.id).state !== 'running' && registry.job(job.id).state !== 'stalled');
  } else runner.resume();
  return { json: jobDetail(registry.job(job.id)) };
}

/** Waits (up to 10 s) until a job has finished its current batch (stopped: and flushed its sink). */
async function settled(done: () => boolean): Promise<void> {
  for (let waited = 0; !done() && waited < 10_000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
}
