import { Command, InvalidArgumentError } from 'commander';
import { registerKafkaConnectors } from '@velots/connectors-kafka';
import { processIo, type CliIo } from './io.js';
import { DEFAULT_SHUTDOWN_TIMEOUT_MS, runApp } from './run-app.js';
import { ShutdownDeadline } from './shutdown-deadline.js';
import { DEFAULT_MAX_BODY_BYTES, startServer } from './server/http-server.js';

// Long-lived jobs follow their Kafka topics until stopped (velo-sql-batch registers them bounded instead).
registerKafkaConnectors({ bounded: false });

interface ServerFlags {
  readonly host: string;
  readonly port: number;
  readonly dataDir?: string | undefined;
  readonly token?: string | undefined;
  readonly apps?: string | undefined;
  readonly maxBodyBytes: number;
  readonly shutdownTimeout: number;
}

interface FileFlags {
  readonly file?: string | undefined;
  readonly dataDir?: string | undefined;
  readonly shutdownTimeout: number;
}

function port(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new InvalidArgumentError('a port is an integer 0..65535');
  return value;
}

function positiveInteger(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new InvalidArgumentError('a positive integer');
  return value;
}

/** The `velo-sql` command line; `parseAsync` runs it. Tests pass their own io. */
export function createProgram(io: CliIo = processIo): Command {
  const program = new Command()
    .name('velo-sql')
    .description('Run Velo TS SQL apps as long-lived jobs: one app in the foreground (--file), or many in a server with a REST API (server).')
    .version('0.1.0')
    .option('-f, --file <app>', 'run this .sql app (- for stdin) in the foreground until its inputs end or SIGINT/SIGTERM')
    .option('--data-dir <dir>', "checkpoint the app's jobs to <dir>/<app>/<job>/ and restore them from there on start (app = the file's base name)")
    .option('--shutdown-timeout <ms>', 'on SIGINT/SIGTERM, exit 3 if the final checkpoint and sink flush take longer than this', positiveInteger, DEFAULT_SHUTDOWN_TIMEOUT_MS)
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .exitOverride()
    // `--data-dir` and `--shutdown-timeout` after `server` belong to the server, not to the --file runner.
    .enablePositionalOptions()
    .action(async (options: FileFlags) => {
      if (options.file === undefined) {
        program.outputHelp({ error: true });
        process.exitCode = 1;
        return;
      }
      process.exitCode = await runApp(options.file, io, { dataDir: options.dataDir, shutdownTimeoutMs: options.shutdownTimeout });
    });

  program
    .command('server')
    .description('run the multi-job server: deploy apps and watch their jobs over HTTP (see docs/server.md)')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0 picks a free one)', port, 8080)
    .option('--data-dir <dir>', 'store deployed apps (<dir>/apps/) and their jobs\' checkpoints (<dir>/<app>/<job>/) here; redeploy and restore them on start')
    .option('--token <token>', 'require Authorization: Bearer <token> on every route but /healthz (default: $VELO_TOKEN)')
    .option('--apps <dir>', 'folder that relative paths in deployed SQL resolve against; no path may leave it (default: the working directory)')
    .option('--max-body-bytes <n>', 'largest request body accepted', positiveInteger, DEFAULT_MAX_BODY_BYTES)
    .option('--shutdown-timeout <ms>', 'on SIGINT/SIGTERM, exit 3 if stopping the jobs (final checkpoints, sink flushes) takes longer than this', positiveInteger, DEFAULT_SHUTDOWN_TIMEOUT_MS)
    .action(async (flags: ServerFlags) => {
      const server = await startServer({
        host: flags.host,
        port: flags.port,
        dataDir: flags.dataDir,
        token: flags.token ?? io.env['VELO_TOKEN'],
        appsDir: flags.apps,
        maxBodyBytes: flags.maxBodyBytes,
        env: io.env,
        warn: (message) => io.stderr.write(`warning: ${message}\n`),
      });
      io.stdout.write(`listening on ${server.url}\n`);
      const signal = await io.stopRequested();
      io.stderr.write(`${signal}: stopping jobs\n`);
      const deadline = new ShutdownDeadline(io, flags.shutdownTimeout);
      deadline.arm(signal);
      await server.close();
      deadline.settled(0);
      process.exitCode = 0;
    });
  return program;
}
