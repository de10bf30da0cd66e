import type { Counter, Gauge, Histogram, Telemetry } from '@velots/core';

/** Upper bounds of `velo_checkpoint_duration_seconds`, seconds. */
const CHECKPOINT_SECONDS_BUCKETS = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30];

/** The checkpoint metrics of one job (docs/observability.md), made only for jobs whose app keeps checkpoints. */
export class CheckpointMetrics {
  private readonly duration: Histogram;
  private readonly bytes: Gauge;
  private readonly restoresCounter: Counter;

  constructor(
    telemetry: Telemetry,
    private readonly labels: { readonly job: string },
  ) {
    this.duration = telemetry.histogram('velo_checkpoint_duration_seconds', {
      help: 'Time from holding the app at a batch boundary to the checkpoint being durable and committed',
      labelNames: ['job'],
      buckets: CHECKPOINT_SECONDS_BUCKETS,
    });
    this.bytes = telemetry.gauge('velo_checkpoint_bytes', { help: 'Size of the last checkpoint file of the job', labelNames: ['job'] });
    this.restoresCounter = telemetry.counter('velo_restores_total', { help: 'Times the job restarted from a checkpoint', labelNames: ['job'] });
  }

  checkpointed(seconds: number, bytes: number): void {
    this.duration.observe(seconds, this.labels);
    this.bytes.set(bytes, this.labels);
  }

  restored(): void {
    this.restoresCounter.inc(this.labels, 1);
  }
}
