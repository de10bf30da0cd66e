import { execFile } from 'node:child_process';

/** A message as kcat's JSON envelope (`-J`) shows it. */
export interface KcatMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly timestamp: number;
  readonly key: string | null;
  readonly value: string | null;
  /** Header name → value, in order. */
  readonly headers: readonly (readonly [string, string])[];
}

function kcat(args: readonly string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile('kcat', args, { maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`kcat ${args.join(' ')} failed: ${stderr || error.message}`, { cause: error }));
      else resolve(stdout);
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}

interface Envelope {
  topic: string;
  partition: number;
  offset: number;
  ts: number;
  key: string | null;
  payload: string | null;
  headers?: string[];
}

/**
 * Every message of `topic` (all partitions, from the beginning to the current end) read by kcat, an
 * independent Kafka client: ordered by partition, then offset.
 */
export async function kcatConsume(bootstrapServers: string, topic: string, options: { readonly isolation?: 'read_committed' | 'read_uncommitted' } = {}): Promise<KcatMessage[]> {
  const isolation = options.isolation ? ['-X', `isolation.level=${options.isolation}`] : [];
  const out = await kcat(['-b', bootstrapServers, '-C', '-t', topic, '-o', 'beginning', '-e', '-q', '-J', ...isolation]);
  const messages = out
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line): KcatMessage => {
      const e = JSON.parse(line) as Envelope;
      const headers: [string, string][] = [];
      const flat = e.headers ?? [];
      for (let i = 0; i + 1 < flat.length; i += 2) headers.push([flat[i] as string, flat[i + 1] as string]);
      return { topic: e.topic, partition: e.partition, offset: e.offset, timestamp: e.ts, key: e.key, value: e.payload, headers };
    });
  return messages.sort((a, b) => a.partition - b.partition || a.offset - b.offset);
}

/** A message for kcatProduce: its value, and optionally a key and a partition. */
export interface KcatRecord {
  readonly value: string;
  readonly key?: string | undefined;
  readonly partition?: number | undefined;
  /** Headers of the message (kcat -H name=value). */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

/** Produces text messages with kcat (values must not contain line breaks; keys no tabs). */
export async function kcatProduce(bootstrapServers: string, topic: string, records: readonly KcatRecord[]): Promise<void> {
  // One kcat run per partition and header set (kcat applies -p and -H to every message of a run), in order.
  const groups: { partition: number; headers: Readonly<Record<string, string>>; list: KcatRecord[] }[] = [];
  for (const record of records) {
    const partition = record.partition ?? -1;
    const headers = record.headers ?? {};
    const last = groups[groups.length - 1];
    if (last && last.partition === partition && JSON.stringify(last.headers) === JSON.stringify(headers)) last.list.push(record);
    else groups.push({ partition, headers, list: [record] });
  }
  for (const { partition, headers, list } of groups) {
    const keyed = list.some((r) => r.key !== undefined);
    const args = ['-b', bootstrapServers, '-P', '-t', topic];
    if (partition >= 0) args.push('-p', String(partition));
    for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}=${value}`);
    if (keyed) args.push('-K', '\t');
    const input = list.map((r) => (keyed ? `${r.key ?? ''}\t${r.value}` : r.value)).join('\n') + '\n';
    await kcat(args, input);
  }
}
