import type { ConnectionHealth } from './connection-health.js';

/** How long a connector keeps trying to reach its cluster at open before it gives up (`connect.timeout.ms`). */
export const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;
const FIRST_BACKOFF_MS = 200;
const MAX_BACKOFF_MS = 5000;

/**
 * Connects `client`, trying again with backoff (200 ms doubling to 5 s) while the cluster cannot be reached, until
 * `timeoutMs` have passed or `signal` aborts; meanwhile `health` reports the connector disconnected with the last
 * error (a stalled job), and connected once it succeeds. Throws `describe(error, waitedMs)` when it gives up, after
 * disconnecting `client`: a client that failed half-way (a producer whose transactional init failed) keeps a broker
 * socket open otherwise, and the process cannot exit.
 */
export async function connectWithRetry(
  client: { connect(): Promise<void>; disconnect(): Promise<void> },
  timeoutMs: number,
  health: ConnectionHealth,
  signal: AbortSignal,
  describe: (error: Error, waitedMs: number) => Error,
): Promise<void> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      await client.connect();
      health.markConnected();
      return;
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      health.markDisconnected(`cannot connect: ${failure.message}`);
      const waited = Date.now() - started;
      const remaining = timeoutMs - waited;
      if (remaining <= 0 || signal.aborted) {
        await client.disconnect().catch(() => undefined);
        throw describe(failure, waited);
      }
      await pause(Math.min(remaining, MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** attempt), signal);
    }
  }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
