/**
 * Event-time progress of one operator input: watermark = max event time seen − allowed
 * out-of-orderness. It only moves forward; the end of a bounded input moves it to +∞.
 */
export class WatermarkTracker {
  private maxEventTime = -Infinity;
  private ended = false;

  constructor(private readonly maxOutOfOrdernessMs: number) {}

  observe(eventTime: number): void {
    if (eventTime > this.maxEventTime) this.maxEventTime = eventTime;
  }

  /** No more input: every window may close. */
  end(): void {
    this.ended = true;
  }

  get watermark(): number {
    return this.ended ? Infinity : this.maxEventTime - this.maxOutOfOrdernessMs;
  }
}
