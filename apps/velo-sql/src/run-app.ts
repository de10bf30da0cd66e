import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ErrorCodes, VeloError, isVeloError } from '@velots/core';
import { VeloTelemetry, telemetryWithSwitches } from '@velots/observability';
import { createEngine, createSink, type Engine } from '@velots/runtime';
import type { CliIo } from './io.js';
import { SHUTDOWN_TIMEOUT_EXIT_CODE, ShutdownDeadline } from './shutdown-deadline.js';

/**
 * Exit codes: 0 success (or stopped on request), 1 invalid SQL or config, 2 a job failed (or its final checkpoint
 * did), 3 a stop request was not honoured in time (see `shutdownTimeoutMs`).
 */
export const ExitCode = { OK: 0, INVALID: 1, RUNTIME: 2, SHUTDOWN_TIMEOUT: SHUTDOWN_TIMEOUT_EXIT_CODE } as const;

/** How long SIGINT/SIGTERM may take (final checkpoint, sink flush) before the process exits anyway: under 10 s. */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 9_000;

export interface RunAppOptions {
  /** Checkpoints go to `<dataDir>/<app>/<job>/`, the app named by the file's base name; none: no checkpoints. */
  readonly dataDir?: string | undefined;
  readonly shutdownTimeoutMs?: number | undefined;
}

/** The app name `--file` uses for its checkpoint folder: the file's base name without `.sql` (`stdin` for `-`). */
export function appNameOfFile(path: string): string {
  return path === '-' ? 'stdin' : basename(path).replace(/\.sql$/i, '');
}

function describe(error: unknown, sql: string | undefined): string {
  return isVeloError(error) ? `error[${error.code}]: ${error.format(sql)}` : `error: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * `velo-sql --file APP`: runs an app's jobs in the foreground until their inputs end or SIGINT/SIGTERM, which
 * shuts the engine down gracefully (a final checkpoint per job with a data dir, sinks flushed, offsets committed)
 * and exits 0 — or exits 3 with a message when that takes longer than the shutdown timeout. An ad-hoc SELECT
 * prints JSON lines on stdout.
 */
export async function runApp(path: string, io: CliIo, options: RunAppOptions = {}): Promise<number> {
  let sql: string | undefined;
  let engine: Engine;
  let running: Engine | undefined = undefined;
  let stopSignal: string | undefined;
  let shutdownFailure: unknown;
  const deadline = new ShutdownDeadline(io, options.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS);
  const shutDown = (target: Engine): void => {
    target.shutdown().catch((error: unknown) => {
      shutdownFailure = error;
      target.stop();
    });
  };
  // Listen from the start: a stop asked for while the app loads ends the run as soon as it has loaded.
  void io.stopRequested().then((signal) => {
    stopSignal = signal;
    deadline.arm(signal);
    if (running) shutDown(running);
  });
  const telemetry = new VeloTelemetry({ env: io.env, processMetrics: false });
  try {
    sql = path === '-' ? await io.readStdin() : readFileSync(path, 'utf8');
    engine = await createEngine({
      sql,
      file: path === '-' ? '<stdin>' : path,
      baseDir: path === '-' ? process.cwd() : undefined,
      env: io.env,
      telemetry,
      // File-level @observability.* annotations are defaults for every statement, which may override them.
      telemetryFor: (plan) => telemetryWithSwitches(telemetry, { ...engine?.script.annotations.observability, ...plan.annotations.observability }),
      warn: (message) => io.stderr.write(`warning: ${message}\n`),
      resultSink: (job) => createSink('stdout_sink', { name: job.name, properties: {}, baseDir: process.cwd() }).connector,
      checkpoints: options.dataDir === undefined ? undefined : { dir: join(options.dataDir, appNameOfFile(path)) },
    });
  } catch (error) {
    const failure = isVeloError(error) ? error : new VeloError(ErrorCodes.CONFIG, `cannot read app '${path}': ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    io.stderr.write(`${describe(failure, sql)}\n`);
    return deadline.settled(ExitCode.INVALID);
  }
  if (stopSignal !== undefined) {
    await engine.close();
    await telemetry.shutdown();
    return deadline.settled(ExitCode.OK);
  }
  running = engine;
  const summary = await engine.run();
  await telemetry.shutdown();
  if (shutdownFailure !== undefined) {
    io.stderr.write(`${describe(shutdownFailure, sql)} (during shutdown: the jobs restart from their previous checkpoint)\n`);
    return deadline.settled(ExitCode.RUNTIME);
  }
  if (!summary.ok && stopSignal === undefined) {
    io.stderr.write(`${describe(summary.error, sql)}\n`);
    return deadline.settled(ExitCode.RUNTIME);
  }
  return deadline.settled(ExitCode.OK);
}
