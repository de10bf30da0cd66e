import { readFileSync } from 'node:fs';
import { ErrorCodes, VeloError, isVeloError } from '@velots/core';
import { VeloTelemetry, telemetryWithSwitches } from '@velots/observability';
import { createEngine, createSink, type Engine } from '@velots/runtime';
import type { CliIo } from './io.js';

/** Exit codes: 0 success (or stopped on request), 1 invalid SQL or config, 2 a job failed. */
export const ExitCode = { OK: 0, INVALID: 1, RUNTIME: 2 } as const;

function describe(error: unknown, sql: string | undefined): string {
  return isVeloError(error) ? `error[${error.code}]: ${error.format(sql)}` : `error: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * `velo-sql --file APP`: runs an app's jobs in the foreground until their inputs end or SIGINT/SIGTERM,
 * which drains each job, flushes its sinks and exits 0. An ad-hoc SELECT prints JSON lines on stdout.
 */
export async function runApp(path: string, io: CliIo): Promise<number> {
  let sql: string | undefined;
  let engine: Engine;
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
    });
  } catch (error) {
    const failure = isVeloError(error) ? error : new VeloError(ErrorCodes.CONFIG, `cannot read app '${path}': ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    io.stderr.write(`${describe(failure, sql)}\n`);
    return ExitCode.INVALID;
  }
  let stopped = false;
  void io.stopRequested().then(() => {
    stopped = true;
    engine.stop();
  });
  const summary = await engine.run();
  await telemetry.shutdown();
  if (!summary.ok && !stopped) {
    io.stderr.write(`${describe(summary.error, sql)}\n`);
    return ExitCode.RUNTIME;
  }
  return ExitCode.OK;
}
