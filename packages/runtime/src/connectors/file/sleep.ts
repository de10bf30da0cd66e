/** Waits `ms`, or less when `signal` aborts (never rejects). */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Whether `pending` stays unsettled for a quiet period of `ms`: the wait, then one more turn of the event loop's
 * I/O phase, so data that arrived while the process was paused (GC, a busy machine) — whose callbacks run after
 * expired timers — is not taken for silence.
 */
export async function staysQuiet(pending: Promise<unknown>, ms: number): Promise<boolean> {
  return !(await settlesWithin(pending, ms)) && !(await settlesWithin(pending, 0));
}

/**
 * Whether `pending` settles within `ms` (0: only if it is ready at once, i.e. before pending I/O callbacks
 * run). `pending` keeps running either way: a source that gives up keeps it for its next read.
 */
export function settlesWithin(pending: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (ready: boolean): void => {
      if (settled) return;
      settled = true;
      if (timer !== undefined) clearTimeout(timer);
      if (immediate !== undefined) clearImmediate(immediate);
      resolve(ready);
    };
    const timer = ms > 0 ? setTimeout(finish, ms, false) : undefined;
    const immediate = ms > 0 ? undefined : setImmediate(finish, false);
    pending.then(
      () => finish(true),
      () => finish(true),
    );
  });
}
