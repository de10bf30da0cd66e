/** What a wait interrupted by a checkpoint resolves with. */
export const AT_BARRIER = Symbol('velo.atBarrier');

/**
 * Where a job stops between two batches while its app takes a checkpoint. The coordinator `hold()`s it and
 * learns when the job is there; the job's loop calls `arrive()` at the top of each step, and wraps its waits
 * (a read, the pause gate) in `wait()`, so a job waiting for input is interrupted rather than waited for.
 */
export class CheckpointBarrier {
  private held: { readonly arrived: Promise<void>; readonly markArrived: () => void; readonly released: Promise<void>; readonly release: () => void } | undefined;
  private interrupt: (() => void) | undefined;

  /** True while a checkpoint holds the job. */
  get holding(): boolean {
    return this.held !== undefined;
  }

  /** Asks the job to stop at its next batch boundary; resolves once it is there (see `arrive`). */
  hold(): Promise<void> {
    if (!this.held) {
      let markArrived = (): void => undefined;
      let release = (): void => undefined;
      const arrived = new Promise<void>((resolve) => (markArrived = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      this.held = { arrived, markArrived, released, release };
      const interrupt = this.interrupt;
      this.interrupt = undefined;
      interrupt?.();
    }
    return this.held.arrived;
  }

  /** Lets the job go on. */
  release(): void {
    const held = this.held;
    this.held = undefined;
    held?.markArrived();
    held?.release();
  }

  /** The job is between batches: while held, it says so and waits for the release. */
  async arrive(): Promise<void> {
    const held = this.held;
    if (!held) return;
    held.markArrived();
    await held.released;
  }

  /** `value`, or AT_BARRIER as soon as a checkpoint asks the job to stop (the value stays pending for later). */
  wait<T>(value: Promise<T>): Promise<T | typeof AT_BARRIER> {
    if (this.held) return Promise.resolve(AT_BARRIER);
    return new Promise<T | typeof AT_BARRIER>((resolve, reject) => {
      const interrupt = (): void => resolve(AT_BARRIER);
      // Only this wait's own interrupt is cleared: an earlier, interrupted wait may settle during a later one.
      const done = (): void => {
        if (this.interrupt === interrupt) this.interrupt = undefined;
      };
      this.interrupt = interrupt;
      value.then(
        (v) => {
          done();
          resolve(v);
        },
        (error: unknown) => {
          done();
          reject(error);
        },
      );
    });
  }
}
