import { Command } from 'commander';
import { VeloClient } from './client.js';
import * as commands from './commands.js';
import { processIo, type CliIo } from './io.js';
import { runShell } from './shell.js';

interface GlobalOptions {
  readonly server?: string;
  readonly token?: string;
  readonly json?: boolean;
}

/** The default server when neither --server nor VELO_SERVER says otherwise. */
export const DEFAULT_SERVER = 'http://127.0.0.1:8080';

/** The `velo-cli` command line; `parseAsync` runs it and sets `process.exitCode`. Tests pass their own io. */
export function createProgram(io: CliIo = processIo): Command {
  const program = new Command()
    .name('velo-cli')
    .description('Manage a velo-sql server over HTTP: deploy apps, watch and control jobs, look up tables, run pull queries, or open a SQL shell.')
    .version('0.1.0')
    .option('--server <url>', `the velo-sql server (default: $VELO_SERVER or ${DEFAULT_SERVER})`)
    .option('--token <token>', 'bearer token (default: $VELO_TOKEN)')
    .option('--json', 'print JSON answers instead of tables')
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .exitOverride()
    .showHelpAfterError();

  const context = (): commands.CommandContext => {
    const options = program.opts<GlobalOptions>();
    const client = new VeloClient({ server: options.server ?? io.env['VELO_SERVER'] ?? DEFAULT_SERVER, token: options.token ?? io.env['VELO_TOKEN'] });
    return { client, io, json: options.json === true };
  };
  const done = (code: number): void => {
    process.exitCode = code;
  };

  program
    .command('deploy')
    .argument('<file>', 'the .sql app (- for stdin)')
    .option('--name <name>', 'the app name (default: its -- SQL Application: header, else the file stem)')
    .option('--replace', 'replace an app of the same name')
    .description('deploy an app: each statement becomes a job <app>/<name>')
    .action(async (file: string, options: { name?: string; replace?: boolean }) => done(await commands.deploy(context(), file, options)));
  program.command('apps').description('list deployed apps').action(async () => done(await commands.apps(context())));
  program.command('jobs').description('list jobs and their states').action(async () => done(await commands.jobs(context())));
  program
    .command('status')
    .argument('<job>', 'job id <app>/<name> (or a name only one app has)')
    .description('state, uptime, records in/out, errors, dead letters, late records, watermark and lag of a job')
    .action(async (job: string) => done(await commands.status(context(), job)));
  for (const action of ['stop', 'pause', 'resume', 'restart'] as const) {
    const what = { stop: 'stop a job after its current batch (its sink is flushed)', pause: 'hold a job before its next read', resume: 'resume a paused job', restart: "restart a job's app from a fresh plan" }[action];
    program
      .command(action)
      .argument('<job>', 'job id')
      .description(what)
      .action(async (job: string) => done(await commands.jobAction(context(), action, job)));
  }
  program
    .command('undeploy')
    .argument('<app>', 'app name')
    .description('stop an app and remove it')
    .action(async (app: string) => done(await commands.undeploy(context(), app)));
  program
    .command('explain')
    .argument('<target>', 'a .sql file to plan, or a running job id')
    .option('--analyze', "annotate a running job's plan with its profile (rows in/out, ns per row, state)")
    .description('print the physical plan of a file or of a running job')
    .action(async (target: string, options: { analyze?: boolean }) => done(await commands.explain(context(), target, options)));
  program
    .command('lookup')
    .argument('<table>', 'a CTAS table')
    .argument('<key>', 'its key; compound keys joined with |')
    .description("print a table's current row for a key")
    .action(async (table: string, key: string) => done(await commands.lookup(context(), table, key)));
  program
    .command('query')
    .argument('<sql>', 'one statement: a pull query, SHOW JOBS|STREAMS|TABLES, PAUSE|RESUME|STOP JOB j, START|DEPLOY JOB …')
    .description('run one statement on the server')
    .action(async (sql: string) => done(await commands.query(context(), sql)));
  program.command('metrics').description('print the server metrics (Prometheus text)').action(async () => done(await commands.metrics(context())));
  program
    .command('shell')
    .description('interactive SQL shell: statements end with ;, \\help for help (reads piped stdin too)')
    .action(async () => {
      const { client, json } = context();
      done(await runShell({ client, io, json }));
    });
  return program;
}
