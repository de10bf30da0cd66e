import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const manifest = JSON.parse(readFileSync(join(repo, 'apps/velo-sql-batch/package.json'), 'utf8')) as { bin: Record<string, string> };
/** The bundled bin users run (`pnpm build` makes it); `dist/cli.js` is the unbundled entry it is made from. */
export const bundledCli = join(repo, 'apps/velo-sql-batch', manifest.bin['velo-sql-batch'] ?? 'dist/cli.js');

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs velo-sql-batch as a child process without blocking the test worker's event loop (a spawnSync run of
 * several seconds starves vitest's worker RPC on a loaded machine), with optional stdin text; killed after 60 s.
 */
export function runCli(args: readonly string[], options: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv; entry?: string } = {}): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [options.entry ?? bundledCli, ...args], { cwd: options.cwd ?? repo, env: options.env ?? process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      resolvePromise({ status, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}
