import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { BATCHES_DONE, EXITED, REPLIES, type StageRequest, type StageWorkerData } from './protocol.js';
import { StageWorker } from './stage-worker.js';
import type { ShareWorkerData } from './share-protocol.js';
import { runShare } from './share-worker.js';

/** True inside a worker thread started to run a job's partition (the CLI bundle must then not run its command). */
export function isStageWorkerThread(): boolean {
  if (isMainThread) return false;
  const data = workerData as Partial<StageWorkerData & ShareWorkerData> | null;
  return data?.veloStage === true || data?.veloShare === true;
}

/**
 * Starts the stage worker when this module loads in a worker thread made for one: requests arrive on the parent
 * port in order; the thread exits when the coordinator terminates it or closes the port.
 */
export function startStageWorkerIfAny(): void {
  if (!isStageWorkerThread() || !parentPort) return;
  if ((workerData as Partial<ShareWorkerData>).veloShare === true) {
    void runShare(workerData as ShareWorkerData, parentPort);
    return;
  }
  const data = workerData as StageWorkerData;
  const counters = new Int32Array(data.control);
  // A coordinator blocked in Atomics.wait cannot see the 'exit' event: wake it with a flag.
  process.on('exit', () => {
    Atomics.store(counters, EXITED, 1);
    Atomics.notify(counters, BATCHES_DONE);
    Atomics.notify(counters, REPLIES);
  });
  const worker = new StageWorker(data);
  parentPort.on('message', (request: StageRequest) => worker.handle(request));
}

startStageWorkerIfAny();
