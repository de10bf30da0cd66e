import { ErrorCodes, VeloError, isVeloError, type Telemetry } from '@velots/core';
import type { JobPlan } from '@velots/planner';
import { createEngine, type Engine, type JobRunner, type RunSummary, type StreamConsumer } from '@velots/runtime';
import { telemetryWithSwitches, type VeloTelemetry } from '@velots/observability';
import { LiveTable } from './live-table.js';
import { metricObserverOf } from './metric-observer.js';
import { FanOut } from './output-observers.js';

/** What every app of a server shares. */
export interface AppEnvironment {
  readonly telemetry: VeloTelemetry;
  /** Relative paths in an app resolve here, and no connector path may leave it. */
  readonly appsDir: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly warn: (message: string) => void;
  /** Where an app's jobs checkpoint (`<data-dir>/<app>`); undefined: no data dir, no checkpoints. */
  readonly checkpointDir?: ((app: string) => string) | undefined;
}

/** `stalled`: running, but a source or sink of the job cannot reach its external system (a Kafka cluster that went away). */
export type JobState = 'starting' | 'running' | 'stalled' | 'paused' | 'stopped' | 'failed' | 'finished';

/** Why a job is stalled: the first of its connectors that is disconnected, its last error and since when. */
export interface StallReason {
  readonly role: 'source' | 'sink';
  readonly connector: string;
  readonly reason: string;
  readonly since: number;
}

/** One job of a deployed app: its plan and, once started, its runner. */
export interface AppJob {
  readonly id: string;
  readonly app: string;
  readonly plan: JobPlan;
  readonly runner: JobRunner | undefined;
  readonly state: JobState;
  readonly error: VeloError | undefined;
  /** Set while the job is `stalled`. */
  readonly stalled?: StallReason | undefined;
}

/**
 * A deployed app: its SQL, the engine running its jobs (one per statement), and the live state of its CTAS
 * tables. A job that fails is marked failed with its error; the app's other jobs, and other apps, go on.
 */
export class DeployedApp {
  readonly deployedAt = Date.now();
  readonly tables = new Map<string, LiveTable>();
  private engine: Engine | undefined;
  private running: Promise<RunSummary> | undefined;
  private summary: RunSummary | undefined;

  private constructor(
    readonly name: string,
    readonly sql: string,
    private readonly environment: AppEnvironment,
  ) {}

  /** Plans the app (throwing positioned errors for bad SQL) and starts its jobs. */
  static async deploy(name: string, sql: string, environment: AppEnvironment): Promise<DeployedApp> {
    const app = new DeployedApp(name, sql, environment);
    await app.start();
    return app;
  }

  /** Jobs in statement order (a UNION's branch jobs before the job that reads them). */
  jobs(): AppJob[] {
    const engine = this.engine;
    if (!engine) return [];
    const runners = engine.runningJobs;
    const connectors = engine.connectorStats();
    return engine.jobPlans.map((plan, i) => {
      const runner = runners[i];
      const state = this.stateOf(runner);
      const stalled = state === 'running' ? stallOf(plan, connectors) : undefined;
      return {
        id: `${this.name}/${plan.name}`,
        app: this.name,
        plan,
        runner,
        state: stalled ? 'stalled' : state,
        error: runner?.stats.error ?? (runner ? undefined : this.summary?.error),
        ...(stalled ? { stalled } : {}),
      };
    });
  }

  /**
   * Shuts the app down gracefully — each job takes a final checkpoint (open windows carry on after a restart),
   * flushes its sinks and commits its offsets — and waits until the app's run has ended.
   */
  async stop(): Promise<void> {
    const engine = this.engine;
    if (engine) {
      await engine.shutdown().catch((error: unknown) => {
        this.environment.warn(`app '${this.name}': the final checkpoint failed, its jobs will restart from the previous one: ${error instanceof Error ? error.message : String(error)}`);
        engine.stop();
      });
    }
    await this.running;
  }

  /** Stops the app and runs it again from a fresh plan (jobs of an app share in-process streams, so they restart together). */
  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  private stateOf(runner: JobRunner | undefined): JobState {
    if (!runner) return this.summary ? (this.summary.ok ? 'stopped' : 'failed') : 'starting';
    switch (runner.stats.state) {
      case 'planned':
        return 'starting';
      default:
        return runner.stats.state;
    }
  }

  private async start(): Promise<void> {
    const { telemetry, appsDir, env, warn, checkpointDir } = this.environment;
    this.tables.clear();
    this.summary = undefined;
    const observers = new Map<JobPlan, StreamConsumer | undefined>();
    const jobTelemetry = new Map<JobPlan, Telemetry>();
    const engine = await createEngine({
      sql: this.sql,
      file: `${this.name}.sql`,
      baseDir: appsDir,
      allowedRoot: appsDir,
      env,
      telemetry,
      telemetryFor: (plan) => jobTelemetry.get(plan) ?? telemetry,
      warn: (message) => warn(`app '${this.name}': ${message}`),
      jobId: (plan) => `${this.name}/${plan.name}`,
      observeOutput: (plan) => observers.get(plan),
      checkpoints: checkpointDir ? { dir: checkpointDir(this.name) } : undefined,
    });
    try {
      for (const plan of engine.jobPlans) {
        // File-level @observability.* annotations are defaults for every statement, which may override them.
        const switches = { ...engine.script.annotations.observability, ...plan.annotations.observability };
        jobTelemetry.set(plan, telemetryWithSwitches(telemetry, switches));
        observers.set(plan, this.observerOf(plan, jobTelemetry.get(plan) ?? telemetry));
      }
    } catch (error) {
      await engine.close();
      throw error;
    }
    this.engine = engine;
    this.running = engine.run().then(
      (summary) => (this.summary = summary),
      (error: unknown) => {
        const failure = isVeloError(error) ? error : new VeloError(ErrorCodes.JOB_FAILED, String(error), { cause: error });
        this.summary = { ok: false, wallMs: 0, jobs: [], badRecords: {}, error: failure };
        return this.summary;
      },
    );
  }

  /** The live table of a CTAS job and its `@metric` recorders, as one reader of its output. */
  private observerOf(plan: JobPlan, telemetry: Telemetry): StreamConsumer | undefined {
    const consumers: StreamConsumer[] = [];
    if (plan.statementKind === 'CreateTableAs' && plan.output !== undefined) {
      const table = new LiveTable(plan.output, plan.schema, plan.primaryKey);
      this.tables.set(plan.output, table);
      consumers.push(table);
    }
    const metrics = metricObserverOf(plan, telemetry);
    if (metrics) consumers.push(metrics);
    return consumers.length === 0 ? undefined : consumers.length === 1 ? consumers[0] : new FanOut(consumers);
  }
}

/** The first source (the job's inputs) or sink of `plan` whose connector reports itself disconnected. */
function stallOf(plan: JobPlan, connectors: ReturnType<Engine['connectorStats']>): StallReason | undefined {
  const names = { source: new Set(plan.inputs.map((input) => input.name)), sink: new Set(plan.sink ? [plan.sink.name] : []) };
  for (const connector of connectors) {
    const health = connector.health;
    if (!health || health.connected) continue;
    if (!names[connector.role].has(connector.name)) continue;
    return { role: connector.role, connector: connector.name, reason: health.lastError ?? 'disconnected', since: health.since };
  }
  return undefined;
}
