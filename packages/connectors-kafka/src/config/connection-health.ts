import type { ConnectorHealth, Gauge, Telemetry } from '@velots/core';
import { logLevel, type KafkaConfig, type logCreator } from 'kafkajs';

/**
 * Whether a Kafka connector reaches its cluster, fed by kafkajs: its ERROR-level log entries (connection refused,
 * requests failing, a consumer crash) mark it disconnected with the message as `lastError`; a successful fetch,
 * group join or produce marks it connected again. The state is mirrored in a 0/1 gauge
 * (`velo_source_connected{source}` / `velo_sink_connected{sink}`) once `bind` gave it one.
 */
export class ConnectionHealth {
  private connected = true;
  private lastError: string | undefined;
  private since = Date.now();
  private gauge: { readonly gauge: Gauge; readonly labels: Readonly<Record<string, string>> } | undefined;

  /** Publishes the state as gauge `name` labelled `{ [label]: connectorName }` (1 connected, 0 not). */
  bind(telemetry: Telemetry, name: 'velo_source_connected' | 'velo_sink_connected', label: 'source' | 'sink', connectorName: string): void {
    const gauge = telemetry.gauge(name, { help: `1 while the ${label} reaches its Kafka cluster, 0 while it is stalled retrying`, labelNames: [label] });
    this.gauge = { gauge, labels: { [label]: connectorName } };
    gauge.set(this.connected ? 1 : 0, this.gauge.labels);
  }

  markConnected(): void {
    if (this.connected) return;
    this.connected = true;
    this.since = Date.now();
    this.gauge?.gauge.set(1, this.gauge.labels);
  }

  markDisconnected(error: string): void {
    this.lastError = error;
    if (!this.connected) return;
    this.connected = false;
    this.since = Date.now();
    this.gauge?.gauge.set(0, this.gauge.labels);
  }

  get isConnected(): boolean {
    return this.connected;
  }

  snapshot(): ConnectorHealth {
    return { connected: this.connected, since: this.since, ...(this.lastError !== undefined ? { lastError: this.lastError } : {}) };
  }

  /** `client` with a kafkajs log creator that feeds this tracker (and prints nothing). */
  observe(client: KafkaConfig): KafkaConfig {
    const creator: logCreator = () => ({ level, log }) => {
      if (level !== logLevel.ERROR) return;
      const message = typeof log.message === 'string' ? log.message : 'Kafka client error';
      const cause = typeof log['error'] === 'string' && !message.includes(log['error']) ? `: ${log['error']}` : '';
      this.markDisconnected(`${message}${cause}`);
    };
    return { ...client, logLevel: logLevel.ERROR, logCreator: creator };
  }
}

/** True for an error that a reachable cluster would not raise: a connection that failed or a request retried out. */
export function isConnectionError(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = (e as { cause?: unknown }).cause) {
    if (/Connection|NumberOfRetriesExceeded|RequestTimeout|BrokerNotFound/i.test(e.name)) return true;
    if ((e as { retriable?: unknown }).retriable === true) return true;
  }
  return false;
}
