import { ErrorCodes, VeloError } from '@velots/core';
import type { ConnectorBinding } from './job-plan.js';

/**
 * A quoted URI in FROM or INTO as a connector: `'file://./in.csv'` is a file source/sink whose format
 * follows the extension (`.csv`, `.json`, `.jsonl`/`.jsonlines`); `'kafka://host:9092/topic'` a Kafka one.
 */
export function connectorForUri(name: string, uri: string, isSource: boolean): ConnectorBinding {
  const match = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/i.exec(uri);
  if (!match) throw new VeloError(ErrorCodes.CONFIG, `'${uri}' is not a URI like 'file://./data.csv' or 'kafka://host:9092/topic'`);
  const scheme = match[1]!.toLowerCase();
  const rest = match[2]!;
  if (scheme === 'file') {
    const lower = rest.toLowerCase();
    const format = lower.endsWith('.csv')
      ? 'csv'
      : lower.endsWith('.jsonl') || lower.endsWith('.jsonlines') || lower.endsWith('.ndjson')
        ? 'jsonlines'
        : lower.endsWith('.json')
          ? 'json'
          : 'csv';
    return { name, type: isSource ? 'file_source' : 'file_sink', properties: { path: rest, format } };
  }
  if (scheme === 'kafka') {
    const slash = rest.indexOf('/');
    const brokers = slash === -1 ? rest : rest.slice(0, slash);
    const topic = slash === -1 ? name : rest.slice(slash + 1);
    return { name, type: isSource ? 'kafka_source' : 'kafka_sink', properties: { 'bootstrap.servers': brokers, topic } };
  }
  if (scheme === 'stdin' || scheme === 'stdout') {
    return { name, type: isSource ? 'stdin_source' : 'stdout_sink', properties: {} };
  }
  throw new VeloError(ErrorCodes.NOT_SUPPORTED, `URI scheme '${scheme}://' is not supported (use file:// or kafka://)`);
}
