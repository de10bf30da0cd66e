import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The bundled bin users run (`pnpm build` makes it). */
export const veloSqlBin = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist/velo-sql.mjs');

/** How a velo-sql process ended. */
export interface ProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** ms from the kill (or stop request) to the exit; from the start when it ended by itself. */
  readonly afterMs: number;
}

/**
 * One `velo-sql` process (async spawn: never blocks the test worker), its stderr kept for failure messages. Stopped
 * with kill -9 (`kill`) or SIGTERM (`terminate`), each resolving with the exit.
 */
export class VeloSqlProcess {
  readonly startedAt = Date.now();
  private readonly child: ChildProcess;
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  private stderrText = '';

  private constructor(args: readonly string[], cwd: string) {
    this.child = spawn(process.execPath, [veloSqlBin, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    this.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      // Keep the last 16 KiB: enough to explain a failure, bounded however chatty the job is.
      this.stderrText = (this.stderrText + chunk).slice(-16_384);
    });
    this.exited = new Promise((resolvePromise) => this.child.once('exit', (code, signal) => resolvePromise({ code, signal, at: Date.now() })));
  }

  /** `velo-sql --file <app> --data-dir <dataDir>` in `cwd`. */
  static runFile(app: string, dataDir: string, cwd: string, extra: readonly string[] = []): VeloSqlProcess {
    return new VeloSqlProcess(['--file', app, '--data-dir', dataDir, ...extra], cwd);
  }

  get stderr(): string {
    return this.stderrText;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** kill -9: no handler runs, nothing is flushed or checkpointed. */
  kill(): Promise<ProcessExit> {
    return this.stopWith('SIGKILL');
  }

  /** SIGTERM: the graceful shutdown (final checkpoint) must end the process with 0 within 10 s. */
  terminate(): Promise<ProcessExit> {
    return this.stopWith('SIGTERM');
  }

  /** Waits for the process to end by itself. */
  async exit(): Promise<ProcessExit> {
    const { code, signal, at } = await this.exited;
    return { code, signal, afterMs: at - this.startedAt };
  }

  private async stopWith(signal: NodeJS.Signals): Promise<ProcessExit> {
    const sentAt = Date.now();
    if (this.running) this.child.kill(signal);
    // A SIGTERM left unanswered for 20 s is a failed shutdown; do not leave the process behind.
    const guard = setTimeout(() => this.child.kill('SIGKILL'), 20_000);
    const ended = await this.exited;
    clearTimeout(guard);
    return { code: ended.code, signal: ended.signal, afterMs: Math.max(0, ended.at - sentAt) };
  }
}
