/** Where a paused job waits before its next read: `close()` holds it, `open()` lets it go on. */
export class PauseGate {
  private waiting: { readonly promise: Promise<void>; readonly release: () => void } | undefined;

  /** True while the gate holds the job. */
  get closed(): boolean {
    return this.waiting !== undefined;
  }

  close(): void {
    if (this.waiting) return;
    let release = (): void => undefined;
    const promise = new Promise<void>((resolve) => (release = resolve));
    this.waiting = { promise, release };
  }

  open(): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.release();
  }

  /** Resolves when the gate opens (at once when it is open). */
  passed(): Promise<void> {
    return this.waiting?.promise ?? Promise.resolve();
  }
}
