#!/usr/bin/env node
// The two set-up commands of the README, for a machine with only Node 20 and npm:
//   node tooling/bootstrap.mjs test [vitest args…]   install if needed, build, run every test
//   node tooling/bootstrap.mjs demo [cli args…]      install if needed, build, run the bundled example
//   node tooling/bootstrap.mjs demo-kafka            install if needed, build, run the Kafka demo (tooling/demo-kafka.mjs)
// Plain Node ESM without dependencies: it runs before anything is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync, utimesSync } from 'node:fs';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const PNPM_MAJOR = '10';
const DEMO_CLI = 'apps/velo-sql-batch/dist/velo-sql-batch.mjs';
const DEMO_APP = 'examples/quickstart/app.sql';
const isWindows = process.platform === 'win32';

/** Prints a progress line on stderr, so stdout stays the tools' own output. */
function say(message) {
  process.stderr.write(`[velo] ${message}\n`);
}

/** Runs a command in the repo root with no stdin (CI has none); returns its exit status. */
function run(command, args, { quiet = false } = {}) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: ['ignore', quiet ? 'pipe' : 'inherit', quiet ? 'pipe' : 'inherit'],
    shell: isWindows,
    encoding: 'utf8',
  });
  if (result.error) return { status: 127, stdout: '' };
  if (result.signal) return { status: 128 + (constants.signals[result.signal] ?? 1), stdout: result.stdout ?? '' };
  return { status: result.status ?? 1, stdout: result.stdout ?? '' };
}

/** True when `pnpm` on PATH is major version 10. */
function hasPnpm10() {
  const { status, stdout } = run('pnpm', ['--version'], { quiet: true });
  return status === 0 && stdout.trim().split('.')[0] === PNPM_MAJOR;
}

/** The command (and leading args) that runs pnpm 10, installing it first when it is missing. */
function ensurePnpm() {
  if (hasPnpm10()) return ['pnpm'];
  say(`pnpm ${PNPM_MAJOR} not found: npm i -g pnpm@${PNPM_MAJOR}`);
  if (run('npm', ['i', '-g', `pnpm@${PNPM_MAJOR}`]).status === 0 && hasPnpm10()) return ['pnpm'];
  // No permission for a global install (or its bin folder is not on PATH): run pnpm through npx instead.
  say(`global install not possible; using npx -y pnpm@${PNPM_MAJOR}`);
  return ['npx', '-y', `pnpm@${PNPM_MAJOR}`];
}

/** True when node_modules is missing or older than the lockfile: a repeat run skips the install. */
function needsInstall() {
  const marker = join(root, 'node_modules', '.modules.yaml');
  if (!existsSync(marker)) return true;
  const lockfile = join(root, 'pnpm-lock.yaml');
  return existsSync(lockfile) && statSync(lockfile).mtimeMs > statSync(marker).mtimeMs;
}

/** Runs a step and exits with its status when it fails. */
function step(pnpm, label, args) {
  say(label);
  const [command, ...prefix] = pnpm;
  const { status } = run(command, [...prefix, ...args]);
  if (status !== 0) {
    say(`${label} failed (exit ${status})`);
    process.exit(status);
  }
}

/** Installs (when needed), builds every package with TypeScript project references and bundles the app bins. */
function installAndBuild(pnpm) {
  if (needsInstall()) {
    step(pnpm, 'pnpm install --frozen-lockfile', [
      'install',
      '--frozen-lockfile',
      '--config.confirmModulesPurge=false',
    ]);
    // pnpm leaves .modules.yaml alone when nothing changed; touch it so the next run skips the install.
    const now = new Date();
    utimesSync(join(root, 'node_modules', '.modules.yaml'), now, now);
  }
  step(pnpm, 'tsc -b', ['exec', 'tsc', '-b']);
  // The CLIs' bins are single bundled files (fast start-up); rebuild them from what tsc just compiled.
  step([process.execPath], 'bundle the apps', ['tooling/bundle-apps.mjs']);
}

const [task, ...rest] = process.argv.slice(2);
if (task !== 'test' && task !== 'demo' && task !== 'demo-kafka') {
  console.error('usage: node tooling/bootstrap.mjs test [vitest args…] | demo [cli args…] | demo-kafka');
  process.exit(2);
}
const pnpm = ensurePnpm();
installAndBuild(pnpm);
if (task === 'test') {
  const [command, ...prefix] = pnpm;
  say(`vitest run ${rest.join(' ')}`.trim());
  process.exit(run(command, [...prefix, 'exec', 'vitest', 'run', ...rest]).status);
}
if (task === 'demo-kafka') {
  say('node tooling/demo-kafka.mjs');
  process.exit(run(process.execPath, [join(root, 'tooling', 'demo-kafka.mjs')]).status);
}
if (!existsSync(join(root, DEMO_CLI))) {
  console.error(
    `The demo needs ${DEMO_CLI}, which the build did not produce: the velo-sql-batch app does not exist yet. ` +
      'Nothing was run. `npm test` runs every test that exists.',
  );
  process.exit(1);
}
say(`node ${DEMO_CLI} run ${DEMO_APP}`);
process.exit(run(process.execPath, [DEMO_CLI, 'run', DEMO_APP, ...rest]).status);
