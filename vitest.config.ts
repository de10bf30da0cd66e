import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// One vitest process runs every package's tests: each package or app with a test/ folder is a project
// named after its folder, so `vitest run --project decimal` runs one of them.
const groups = ['packages', 'apps', 'tooling'];
const projects = groups.flatMap((group) =>
  existsSync(group)
    ? readdirSync(group, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && existsSync(join(group, entry.name, 'test')))
        .map((entry) => ({
          test: {
            name: entry.name,
            root: join(group, entry.name),
            include: ['test/**/*.test.ts', 'test/**/*.test.mjs'],
            testTimeout: 30_000,
            hookTimeout: 60_000,
          },
        }))
    : [],
);

export default defineConfig({
  test: {
    projects,
    pool: 'forks',
  },
});
