/** What a connector has done so far, for progress output and summaries. */
export interface ConnectorStats {
  /** Rows read (sources) or written (sinks). */
  readonly records: number;
  /** Bytes read or written. */
  readonly bytes: number;
  /** Records handed to the failure strategy. */
  readonly badRecords: number;
}

/** A connector that counts what it did. */
export interface CountingConnector {
  stats(): ConnectorStats;
}
