import { writeFileSync } from 'node:fs';
import type { Telemetry } from '@velots/core';
import { createEngine, createSink, registerDeferredConnectorTypes, type Engine } from '@velots/runtime';
import { explainJob, type JobPlan } from '@velots/planner';
import { readApp, type AppText } from './read-app.js';
import { rejectJobControl } from './job-control.js';
import { ExitCode, errorJson, formatFailure, progressLine, sourceProgressLines, summaryJson } from './report.js';

// A batch run reads each Kafka partition up to the end offset it had at start, then finishes. The Kafka client,
// its codecs and the telemetry libraries are loaded only by an app (or option) that uses them: they are most of
// the bundled bin, and compiling them cost a run over files ~0.1 s of start-up.
registerDeferredConnectorTypes(['kafka_source', 'kafka_sink'], async () => {
  const { registerKafkaConnectors } = await import('@velots/connectors-kafka');
  registerKafkaConnectors({ bounded: true });
});

export interface OutputOptions {
  readonly quiet?: boolean | undefined;
  readonly json?: boolean | undefined;
  /** `--batch-size`: the most records per batch for every job. */
  readonly batchSize?: number | undefined;
  /** `--workers`: worker threads per job for its keyed work. */
  readonly workers?: number | undefined;
}

export interface RunOptions extends OutputOptions {
  /** Where to write the Prometheus text of the run's metrics at the end. */
  readonly metricsFile?: string | undefined;
}

interface Io {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

const defaultIo: Io = { stdout: process.stdout, stderr: process.stderr };

async function load(app: AppText, options: OutputOptions, io: Io, telemetry?: Telemetry): Promise<Engine> {
  return createEngine({
    telemetry,
    sql: app.sql,
    file: app.file,
    baseDir: app.baseDir,
    batchSize: options.batchSize,
    workers: options.workers,
    warn: options.quiet ? () => undefined : (message) => io.stderr.write(`warning: ${message}\n`),
    checkStatement: (statement) => rejectJobControl(statement, app.file),
    // An ad-hoc SELECT without INTO prints its rows to stdout as JSON lines.
    resultSink: (job: JobPlan) => createSink('stdout_sink', { name: job.name, properties: {}, baseDir: process.cwd() }).connector,
  });
}

/** Reads and plans the app, or reports why not (positioned, or as JSON) and says so with `undefined`. */
async function loadOrReport(path: string, options: OutputOptions, io: Io, telemetry?: Telemetry): Promise<{ app: AppText; engine: Engine } | undefined> {
  let app: AppText | undefined;
  try {
    app = readApp(path);
    return { app, engine: await load(app, options, io, telemetry) };
  } catch (error) {
    if (options.json) io.stdout.write(`${JSON.stringify({ ok: false, error: errorJson(error) })}\n`);
    else io.stderr.write(`${formatFailure(error, app?.sql)}\n`);
    return undefined;
  }
}

/** The Prometheus telemetry behind `--metrics-file` (its libraries loaded only then). */
async function metricsTelemetry(): Promise<Telemetry & { prometheusText(): Promise<string> }> {
  const { VeloTelemetry } = await import('@velots/observability');
  return new VeloTelemetry({ processMetrics: false, tracing: false });
}

/** `run APP.sql`: every statement until bounded sources end; exit 0, 1 (invalid app) or 2 (runtime failure). */
export async function runCommand(path: string, options: RunOptions, io: Io = defaultIo): Promise<number> {
  const telemetry = options.metricsFile === undefined ? undefined : await metricsTelemetry();
  const loaded = await loadOrReport(path, options, io, telemetry);
  if (!loaded) return ExitCode.INVALID;
  const { app, engine } = loaded;
  for (const statement of engine.statements) {
    if (statement.kind === 'explain') io.stdout.write(`${statement.text}\n`);
  }
  const started = Date.now();
  const showProgress = !options.quiet && !options.json && io.stderr.isTTY === true;
  const timer = showProgress ? setInterval(() => io.stderr.write(`\r${progressLine(engine, started)}`), 500) : undefined;
  const stopOnSignal = (): void => engine.stop();
  process.once('SIGINT', stopOnSignal);
  const summary = await engine.run();
  process.off('SIGINT', stopOnSignal);
  if (telemetry && options.metricsFile !== undefined) writeFileSync(options.metricsFile, await telemetry.prometheusText());
  if (timer) {
    clearInterval(timer);
    io.stderr.write(`\r${progressLine(engine, started)}\n`);
  }
  if (options.json) io.stdout.write(`${JSON.stringify(summaryJson(engine, summary))}\n`);
  if (!summary.ok) {
    if (!options.json) io.stderr.write(`${formatFailure(summary.error, app.sql)}\n`);
    return ExitCode.RUNTIME;
  }
  if (!options.quiet && !options.json) {
    const bad = Object.entries(summary.badRecords);
    const badText = bad.length === 0 ? '' : `; bad records: ${bad.map(([code, n]) => `${n} ${code}`).join(', ')}`;
    const records = summary.jobs.reduce((n, j) => n + j.recordsOut, 0);
    for (const line of sourceProgressLines(engine)) io.stderr.write(`${line}\n`);
    io.stderr.write(`done: ${summary.jobs.length} job(s), ${records} record(s) out in ${summary.wallMs} ms${badText}\n`);
  }
  return unwrittenRowsExit(summary.badRecords, options, io);
}

/**
 * A bounded run whose sink lost rows (SINK_WRITE: written to the dead-letter sink or skipped after the sink's
 * retries) did not produce its output: the job went on, as a streaming job does, but the command exits 2 so a
 * script or CI step never takes a missing output file for success.
 */
function unwrittenRowsExit(badRecords: Readonly<Record<string, number>>, options: RunOptions, io: Io): number {
  const unwritten = badRecords['SINK_WRITE'] ?? 0;
  if (unwritten === 0) return ExitCode.OK;
  if (!options.json) io.stderr.write(`error: ${unwritten} row(s) could not be written to their sink (SINK_WRITE; see the warnings above)\n`);
  return ExitCode.RUNTIME;
}

/** `check APP.sql`: parse and plan every statement; positioned errors; exit 0 or 1. */
export async function checkCommand(path: string, options: OutputOptions, io: Io = defaultIo): Promise<number> {
  const loaded = await loadOrReport(path, options, io);
  if (!loaded) return ExitCode.INVALID;
  const { app, engine } = loaded;
  await engine.close();
  const jobs = engine.jobPlans.length;
  if (options.json) io.stdout.write(`${JSON.stringify({ ok: true, statements: engine.statements.length, jobs })}\n`);
  else if (!options.quiet) io.stdout.write(`${app.file}: ok (${engine.statements.length} statement(s), ${jobs} job(s))\n`);
  return ExitCode.OK;
}

/** `explain APP.sql`: the physical plan of every job. */
export async function explainCommand(path: string, options: OutputOptions, io: Io = defaultIo): Promise<number> {
  const loaded = await loadOrReport(path, options, io);
  if (!loaded) return ExitCode.INVALID;
  await loaded.engine.close();
  io.stdout.write(`${loaded.engine.jobPlans.map((job) => explainJob(job)).join('\n\n')}\n`);
  return ExitCode.OK;
}
