import type { CliIo } from './io.js';

/** Exit code of a stop request that was not honoured in time. */
export const SHUTDOWN_TIMEOUT_EXIT_CODE = 3;

/**
 * The bound on a stop request (SIGINT/SIGTERM): armed with the signal, it ends the process `timeoutMs` later
 * whatever still holds it — with exit 3 while the jobs are still stopping (a final checkpoint or a sink flush that
 * hangs), or with the run's own exit code and a warning when the jobs have stopped but something (a client
 * connection that did not close) keeps the process alive.
 */
export class ShutdownDeadline {
  private timer: NodeJS.Timeout | undefined;
  private settledCode: number | undefined;

  constructor(
    private readonly io: CliIo,
    private readonly timeoutMs: number,
  ) {}

  arm(signal: string): void {
    this.timer = setTimeout(() => {
      if (this.settledCode === undefined) {
        this.io.stderr.write(`error: ${signal}: the jobs did not shut down within ${this.timeoutMs} ms (final checkpoint or sink flush still running); exiting without it\n`);
        this.io.exit(SHUTDOWN_TIMEOUT_EXIT_CODE);
      } else {
        this.io.stderr.write(`warning: ${signal}: the jobs stopped, but the process was still running ${this.timeoutMs} ms later (a connection left open); exiting\n`);
        this.io.exit(this.settledCode);
      }
    }, this.timeoutMs);
    if (this.settledCode !== undefined) this.timer.unref();
  }

  /** The run ended with `code`: from now on the deadline no longer keeps the process alive, it only bounds it. */
  settled(code: number): number {
    this.settledCode = code;
    this.timer?.unref();
    return code;
  }
}
