/** What a connector has done so far, for progress output and summaries. */
export interface ConnectorStats {
  /** Rows read (sources) or written (sinks). */
  readonly records: number;
  /** Bytes read or written. */
  readonly bytes: number;
  /** Records handed to the failure strategy. */
  readonly badRecords: number;
  /** A bounded read's progress (Kafka: offsets done of the offsets to read), when the source knows its end. */
  readonly progress?: { readonly done: number; readonly total: number; readonly unit: string } | undefined;
}

/** A connector that counts what it did. */
export interface CountingConnector {
  stats(): ConnectorStats;
}
