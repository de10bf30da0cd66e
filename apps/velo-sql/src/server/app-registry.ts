import type { AppStore } from './app-store.js';
import { DeployedApp, type AppEnvironment, type AppJob } from './deployed-app.js';
import type { LiveTable } from './live-table.js';
import { HttpError } from './server-errors.js';

/**
 * The apps a server runs, by name. Each app has its own engine, so a failing job never touches another
 * app; deployed apps are written to the data directory (when there is one) and deployed again on start.
 */
export class AppRegistry {
  private readonly apps = new Map<string, DeployedApp>();
  /** Apps being deployed right now, so two concurrent deploys of one name cannot both win. */
  private readonly pending = new Set<string>();

  constructor(
    private readonly environment: AppEnvironment,
    private readonly store: AppStore | undefined,
  ) {}

  /** Deploys the apps stored in the data directory; one that no longer plans is reported and skipped. */
  async restore(): Promise<void> {
    for (const stored of this.store?.list() ?? []) {
      try {
        this.apps.set(stored.name, await DeployedApp.deploy(stored.name, stored.sql, this.environment));
      } catch (error) {
        this.environment.warn(`stored app '${stored.name}' was not redeployed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  /** Plans and starts an app; 409 when the name is taken and `replace` is false. */
  async deploy(name: string, sql: string, replace: boolean): Promise<DeployedApp> {
    if ((this.apps.has(name) && !replace) || this.pending.has(name)) throw new HttpError(409, 'APP_EXISTS', `an app named '${name}' is already deployed (use ?replace=true to replace it)`);
    this.pending.add(name);
    try {
      const previous = this.apps.get(name);
      if (previous) await previous.stop();
      const app = await DeployedApp.deploy(name, sql, this.environment).catch(async (error: unknown) => {
        // The new SQL does not plan: the previous version keeps running.
        if (previous) await previous.restart();
        throw error;
      });
      this.apps.set(name, app);
      this.store?.save({ name, sql });
      return app;
    } finally {
      this.pending.delete(name);
    }
  }

  /** Stops an app's jobs and forgets it: its stored SQL and its checkpoints (removed once its final one is written). */
  async undeploy(name: string): Promise<void> {
    const app = this.get(name);
    this.apps.delete(name);
    await app.stop();
    this.store?.remove(name);
  }

  get(name: string): DeployedApp {
    const app = this.apps.get(name);
    if (!app) throw new HttpError(404, 'APP_NOT_FOUND', `no app named '${name}'`);
    return app;
  }

  list(): DeployedApp[] {
    return [...this.apps.values()];
  }

  jobs(): AppJob[] {
    return this.list().flatMap((app) => app.jobs());
  }

  /** A job by id (`<app>/<name>`), or by its bare name when only one app has it. */
  job(id: string): AppJob {
    const jobs = this.jobs();
    const exact = jobs.find((j) => j.id === id);
    if (exact) return exact;
    const byName = jobs.filter((j) => j.plan.name === id);
    if (byName.length === 1) return byName[0]!;
    if (byName.length > 1) throw new HttpError(409, 'JOB_AMBIGUOUS', `'${id}' names a job in several apps (${byName.map((j) => j.id).join(', ')}); use <app>/<name>`);
    throw new HttpError(404, 'JOB_NOT_FOUND', `no job '${id}'`);
  }

  /** A CTAS table's live state, by table name (the most recently deployed app wins a name clash). */
  table(name: string): LiveTable {
    for (const app of [...this.apps.values()].reverse()) {
      const table = app.tables.get(name);
      if (table) return table;
    }
    throw new HttpError(404, 'TABLE_NOT_FOUND', `no table '${name}'`);
  }

  tables(): LiveTable[] {
    return this.list().flatMap((app) => [...app.tables.values()]);
  }

  /** Stops every app (drains each job, flushes its sinks). */
  async stopAll(): Promise<void> {
    await Promise.all(this.list().map((app) => app.stop()));
  }
}
