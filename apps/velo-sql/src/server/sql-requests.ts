import { explainJob } from '@velots/planner';
import { createEngine } from '@velots/runtime';
import { parse, type Statement } from '@velots/sql-parser';
import type { AppRegistry } from './app-registry.js';
import { RawJson } from './json-values.js';
import { runPullQuery, type QueryAnswer } from './pull-query.js';
import { HttpError } from './server-errors.js';

function table(columns: readonly string[], rows: readonly (readonly (string | number | null)[])[]): QueryAnswer {
  return { columns, rows: rows.map((r) => new RawJson(JSON.stringify(r))) };
}

function message(text: string): QueryAnswer {
  return { columns: [], rows: [], message: text };
}

/** SQL `LIKE` pattern of SHOW … LIKE, as a test. */
function likeTest(pattern: string | undefined): (name: string) => boolean {
  if (pattern === undefined) return () => true;
  const regex = new RegExp(`^${pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.')}$`);
  return (name) => regex.test(name);
}

/**
 * What `POST /query` does with one statement: a SELECT is a pull query; SHOW JOBS|STREAMS|TABLES lists;
 * PAUSE|RESUME|STOP JOB act on a running job; START|DEPLOY JOB deploy an app named after the job.
 */
export async function runSqlRequest(sql: string, registry: AppRegistry, appsDir: string): Promise<QueryAnswer> {
  const script = parse(sql, { file: '<query>' });
  if (script.statements.length !== 1) throw new HttpError(400, 'ONE_STATEMENT', `POST /query takes one statement, got ${script.statements.length}`);
  const statement = script.statements[0] as Statement;
  switch (statement.kind) {
    case 'SelectStatement':
      if (statement.query.into) throw new HttpError(400, 'NOT_A_PULL_QUERY', 'a pull query cannot write INTO a sink; deploy it as an app instead');
      return runPullQuery(sql, registry, appsDir);
    case 'ShowStatement': {
      const matches = likeTest(statement.pattern);
      if (statement.subject === 'JOBS') {
        return table(['id', 'app', 'name', 'state'], registry.jobs().filter((j) => matches(j.plan.name) || matches(j.id)).map((j) => [j.id, j.app, j.plan.name, j.state]));
      }
      if (statement.subject === 'STREAMS' || statement.subject === 'TABLES') {
        const kind = statement.subject === 'STREAMS' ? 'CreateStreamAs' : 'CreateTableAs';
        const rows = registry.jobs().filter((j) => j.plan.statementKind === kind && j.plan.output !== undefined && matches(j.plan.output)).map((j) => [j.plan.output ?? '', j.app, j.id]);
        return table(['name', 'app', 'job'], rows);
      }
      throw new HttpError(400, 'NOT_SUPPORTED', `SHOW ${statement.subject} is not supported by the server (SHOW JOBS, STREAMS and TABLES are)`);
    }
    case 'PauseJob':
    case 'ResumeJob':
    case 'StopJob': {
      const job = registry.job(statement.name.name);
      if (!job.runner || !['running', 'stalled', 'paused'].includes(job.state)) throw new HttpError(409, 'JOB_NOT_RUNNING', `job '${job.id}' is ${job.state}`);
      if (statement.kind === 'PauseJob') job.runner.pause();
      else if (statement.kind === 'ResumeJob') job.runner.resume();
      else job.runner.stop();
      const verb = statement.kind === 'PauseJob' ? 'paused' : statement.kind === 'ResumeJob' ? 'resumed' : 'stopped';
      return message(`${verb} job ${job.id}`);
    }
    case 'StartJob':
    case 'DeployJob': {
      const name = statement.name.name;
      const app = await registry.deploy(name, `${statement.text};\n`, statement.kind === 'DeployJob');
      return table(['app', 'job'], app.jobs().map((j) => [app.name, j.id]));
    }
    case 'ExplainStatement':
      return table(['plan'], [[await explainSql(sql, appsDir)]]);
    default:
      throw new HttpError(400, 'NOT_SUPPORTED', `${statement.kind} cannot be sent to the server; deploy apps with POST /apps`);
  }
}

/** The physical plans of an app's jobs (sources are opened to learn their schemas, then closed). */
export async function explainSql(sql: string, appsDir: string): Promise<string> {
  const engine = await createEngine({ sql, file: '<explain>', baseDir: appsDir, allowedRoot: appsDir, warn: () => undefined });
  await engine.close();
  const explained = engine.statements.filter((s) => s.kind === 'explain').map((s) => (s.kind === 'explain' ? s.text : ''));
  return [...explained, ...engine.jobPlans.map((job) => explainJob(job))].join('\n\n');
}
