import { existsSync, readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { jobPath, type VeloClient } from './client.js';
import { ExitCode, type CliIo } from './io.js';
import { reportError } from './report.js';
import { checkpointLines } from './checkpoint-lines.js';
import { formatDuration, renderFields, renderTable } from './table-format.js';

export interface CommandContext {
  readonly client: VeloClient;
  readonly io: CliIo;
  readonly json: boolean;
}

interface JobSummary {
  id: string;
  app: string;
  name: string;
  state: string;
  uptimeMs: number;
}

interface AppSummary {
  name: string;
  deployedAt: number;
  jobs: JobSummary[];
  tables: string[];
}

interface QueryAnswer {
  columns: string[];
  rows: unknown[][];
  message?: string;
}

/** Runs `work`; prints what it returns (JSON with --json, else its human text); reports errors with the SQL when given. */
async function run(context: CommandContext, work: () => Promise<{ data: unknown; text: string }>, sql?: string, file?: string): Promise<number> {
  try {
    const { data, text } = await work();
    context.io.stdout.write(context.json ? `${JSON.stringify(data)}\n` : text.length > 0 ? `${text}\n` : '');
    return ExitCode.OK;
  } catch (error) {
    reportError(context.io, error, context.json, sql, file);
    return ExitCode.FAILED;
  }
}

/** `-- SQL Application: name`, `-- @app: name` or `-- @application: name` in an app's header comments. */
const APP_HEADER = /^\s*--\s*(?:SQL Application:|@app:|@application:)\s*(\S+)/im;

/** The app name of a file: its `-- SQL Application:` (or `@app`) header, else its stem (`apps/trading.sql` → `trading`). */
export function appNameOf(file: string, sql: string): string {
  const header = APP_HEADER.exec(sql)?.[1];
  return (header ?? basename(file === '-' ? 'stdin' : file, extname(file))).replace(/[^A-Za-z0-9_.-]/g, '_');
}

/** An app's SQL from a file, or from the CLI's stdin for `-`. */
async function readSql(file: string, io: CliIo): Promise<string> {
  if (file !== '-') return readFileSync(file, 'utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

export async function deploy(context: CommandContext, file: string, options: { name?: string; replace?: boolean }): Promise<number> {
  let sql: string;
  try {
    sql = await readSql(file, context.io);
  } catch (error) {
    reportError(context.io, new Error(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`), context.json);
    return ExitCode.FAILED;
  }
  const name = options.name ?? appNameOf(file, sql);
  return run(
    context,
    async () => {
      const answer = await context.client.json<{ name: string; jobs: string[] }>('POST', `/apps${options.replace ? '?replace=true' : ''}`, { name, sql });
      return { data: answer, text: `deployed app ${answer.name}: ${answer.jobs.length} job(s)\n${answer.jobs.map((j) => `  ${j}`).join('\n')}` };
    },
    sql,
    file,
  );
}

export function apps(context: CommandContext): Promise<number> {
  return run(context, async () => {
    const list = await context.client.json<AppSummary[]>('GET', '/apps');
    const rows = list.map((a) => [a.name, a.jobs.length, a.jobs.map((j) => `${j.name}:${j.state}`).join(' '), a.tables.join(' '), new Date(a.deployedAt).toISOString()]);
    return { data: list, text: renderTable(['app', 'jobs', 'states', 'tables', 'deployed'], rows) };
  });
}

export function jobs(context: CommandContext): Promise<number> {
  return run(context, async () => {
    const list = await context.client.json<JobSummary[]>('GET', '/jobs');
    return { data: list, text: renderTable(['job', 'state', 'uptime'], list.map((j) => [j.id, j.state, formatDuration(j.uptimeMs)])) };
  });
}

export function status(context: CommandContext, job: string): Promise<number> {
  return run(context, async () => {
    const detail = await context.client.json<Record<string, unknown>>('GET', `/jobs/${jobPath(job)}`);
    const sources = (detail['sources'] as { name: string; recordsIn: number }[]).map((s) => `${s.name} ${s.recordsIn}`).join(', ');
    const sinks = (detail['sinks'] as { name: string; recordsOut: number }[]).map((s) => `${s.name} ${s.recordsOut}`).join(', ');
    const error = detail['error'] as { code: string; message: string } | undefined;
    const watermark = detail['watermark'] as number | null;
    const stalled = detail['stalled'] as { role: string; connector: string; reason: string; since: number } | undefined;
    const fields: Record<string, unknown> = {
      job: detail['id'],
      state: detail['state'],
      ...(stalled ? { stalled: `${stalled.role} '${stalled.connector}' since ${new Date(stalled.since).toISOString()}: ${stalled.reason}` } : {}),
      uptime: formatDuration(detail['uptimeMs'] as number),
      'records in': sources,
      'records out': sinks,
      errors: detail['errors'],
      'dead letters': detail['dlqRecords'],
      'late records': detail['lateRecords'],
      watermark: watermark === null ? '-' : new Date(watermark).toISOString(),
      lag: detail['lagMs'] === null ? '-' : `${String(detail['lagMs'])} ms`,
      ...checkpointLines(detail['checkpoints']),
      ...(error ? { error: `[${error.code}] ${error.message}` } : {}),
    };
    return { data: detail, text: renderFields(fields) };
  });
}

export function jobAction(context: CommandContext, action: 'stop' | 'pause' | 'resume' | 'restart', job: string): Promise<number> {
  return run(context, async () => {
    const detail = await context.client.json<{ id: string; state: string }>('POST', `/jobs/${jobPath(job)}/${action}`);
    return { data: detail, text: `${detail.id}: ${detail.state}` };
  });
}

export function undeploy(context: CommandContext, app: string): Promise<number> {
  return run(context, async () => {
    const answer = await context.client.json<{ name: string; stopped: string[] }>('DELETE', `/apps/${encodeURIComponent(app)}`);
    return { data: answer, text: `undeployed app ${answer.name} (stopped ${answer.stopped.length} job(s))` };
  });
}

/** `explain FILE|JOB`: an existing file is planned by the server; anything else names a running job. */
export async function explain(context: CommandContext, target: string, options: { analyze?: boolean }): Promise<number> {
  if (existsSync(target) || target === '-') {
    const sql = await readSql(target, context.io);
    return run(context, async () => {
      const answer = await context.client.json<{ plan: string }>('POST', '/explain', { sql });
      return { data: answer, text: answer.plan };
    }, sql, target);
  }
  return run(context, async () => {
    const answer = await context.client.json<{ job: string; plan: string }>('POST', '/explain', { job: target, analyze: options.analyze ?? false });
    return { data: answer, text: answer.plan };
  });
}

export function lookup(context: CommandContext, table: string, key: string): Promise<number> {
  return run(context, async () => {
    const answer = await context.client.json<{ row: Record<string, unknown> }>('GET', `/tables/${encodeURIComponent(table)}/rows/${encodeURIComponent(key)}`);
    return { data: answer, text: renderFields(answer.row) };
  });
}

/** The text of a query answer: its rows as a table, or its message. */
export function answerText(answer: QueryAnswer): string {
  return answer.message ?? renderTable(answer.columns, answer.rows);
}

export function query(context: CommandContext, sql: string): Promise<number> {
  return run(context, async () => {
    const answer = await context.client.json<QueryAnswer>('POST', '/query', { sql });
    return { data: answer, text: answerText(answer) };
  }, sql, '<query>');
}

export function metrics(context: CommandContext): Promise<number> {
  return run(context, async () => {
    const text = (await context.client.text('/metrics')).trimEnd();
    return { data: text, text };
  });
}
