import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';

/** A deployed app as stored in the data directory: `<data-dir>/apps/<name>.sql`. */
export interface StoredApp {
  readonly name: string;
  readonly sql: string;
}

/** Keeps deployed apps' SQL in `--data-dir`, so a restarted server deploys them again. */
export class AppStore {
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'apps');
    mkdirSync(this.dir, { recursive: true });
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

  remove(name: string): void {
    rmSync(join(this.dir, `${name}.sql`), { force: true });
  }
}
