import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';

/** The data directory's folder of deployed apps' SQL; no app may take this name for its checkpoint folder. */
export const APP_STORE_FOLDER = 'apps';

/** A deployed app as stored in the data directory: `<data-dir>/apps/<name>.sql`. */
export interface StoredApp {
  readonly name: string;
  readonly sql: string;
}

/**
 * The server's `--data-dir`: deployed apps' SQL in `apps/<name>.sql`, so a restarted server deploys them again, and
 * each app's job checkpoints in `<name>/<job>/` (written by the runtime), so its jobs resume where they were.
 */
export class AppStore {
  private readonly dir: string;

  constructor(private readonly dataDir: string) {
    this.dir = join(dataDir, APP_STORE_FOLDER);
    mkdirSync(this.dir, { recursive: true });
  }

  /** Where an app's jobs keep their checkpoints (`<data-dir>/<name>`). */
  checkpointDir(name: string): string {
    return join(this.dataDir, name);
  }

  /** Every stored app, by name order. */
  list(): StoredApp[] {
    return readdirSync(this.dir)
      .filter((file) => file.endsWith('.sql'))
      .sort()
      .map((file) => ({ name: file.slice(0, -'.sql'.length), sql: readFileSync(join(this.dir, file), 'utf8') }));
  }

  /** Writes the app atomically (a temp file renamed over the old one). */
  save(app: StoredApp): void {
    const path = join(this.dir, `${app.name}.sql`);
    writeFileSync(`${path}.tmp`, app.sql);
    renameSync(`${path}.tmp`, path);
  }

  /** Forgets an app: its SQL and its checkpoints (deployed again under that name, it starts from nothing). */
  remove(name: string): void {
    rmSync(join(this.dir, `${name}.sql`), { force: true });
    rmSync(this.checkpointDir(name), { recursive: true, force: true });
  }
}
