// Kafka → filter → Kafka through the mock broker (librdkafka's mock cluster, tooling/kafka-mock): a Velo TS
// JSON filter job (kafka_source → WHERE → kafka_sink, exact decimals, keys) against a raw kafkajs
// consume → JSON.parse → filter → JSON.stringify → produce loop moving the same records. Both are timed from
// their first fetched record to the last output acknowledged and the offsets committed (the consumer-group join
// is left out). Wall time and this process's CPU time are both reported: the machine is shared, CPU time is steadier.
//   node bench/kafka/index.mjs        (RECORDS=160000 by default, BENCH_QUICK=1: 40000)
// The mock broker keeps about 5 MB per partition (older messages are dropped), hence 4 partitions.
import { performance } from 'node:perf_hooks';
import { Kafka, logLevel } from 'kafkajs';
import { registerKafkaConnectors } from '@velots/connectors-kafka';
import { startMockKafka } from '@velots/kafka-mock';
import { createEngine, createSource } from '@velots/runtime';

const RECORDS = Number(process.env.RECORDS ?? (process.env.BENCH_QUICK ? 40_000 : 160_000));
const LIMIT = 20_000;
const PARTITIONS = 4;
const ROUNDS = process.env.BENCH_QUICK ? 1 : 3;
const symbols = ['AAPL', 'MSFT', 'GOOG', 'AMZN', 'NVDA'];

function trade(i) {
  const price = `${1 + ((i * 7919) % 499)}.${String((i * 31) % 100).padStart(2, '0')}`;
  return { key: symbols[i % 5], value: `{"id":${i},"symbol":"${symbols[i % 5]}","price":${price},"quantity":${1 + ((i * 104729) % 200)},"side":"${i % 2 ? 'BUY' : 'SELL'}"}` };
}

/** CPU seconds (user + system) this process spent since `start`: steadier than wall time on a shared machine. */
function cpuSince(start) {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

async function produceInput(kafka) {
  const producer = kafka.producer({ idempotent: false, allowAutoTopicCreation: false });
  await producer.connect();
  for (let start = 0; start < RECORDS; start += 5000) {
    const messages = [];
    for (let i = start; i < Math.min(RECORDS, start + 5000); i++) messages.push({ ...trade(i), partition: i % PARTITIONS });
    await producer.send({ topic: 'trades', messages, acks: -1 });
  }
  await producer.disconnect();
}

async function rawLoop(kafka, round) {
  const consumer = kafka.consumer({ groupId: `raw-loop-${round}`, maxWaitTimeInMs: 100 });
  const producer = kafka.producer({ idempotent: false, allowAutoTopicCreation: false });
  await Promise.all([consumer.connect(), producer.connect()]);
  await consumer.subscribe({ topic: 'trades', fromBeginning: true });
  let first;
  let cpu;
  let read = 0;
  let written = 0;
  const next = new Map();
  await new Promise((resolve) => {
    consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        if (first === undefined) {
          first = performance.now();
          cpu = process.cpuUsage();
        }
        const out = [];
        for (const m of batch.messages) {
          const t = JSON.parse(m.value.toString());
          if (t.price * t.quantity >= LIMIT) out.push({ key: t.symbol, value: JSON.stringify({ id: t.id, symbol: t.symbol, notional: t.price * t.quantity }) });
        }
        if (out.length > 0) await producer.send({ topic: 'raw_out', messages: out, acks: -1 });
        written += out.length;
        read += batch.messages.length;
        next.set(batch.partition, Number(batch.lastOffset()) + 1);
        if (read >= RECORDS) resolve();
      },
    });
  });
  // Like the Velo job of a bounded run: offsets committed once, after the last output was acknowledged.
  await consumer.commitOffsets([...next].map(([partition, offset]) => ({ topic: 'trades', partition, offset: String(offset) })));
  const seconds = (performance.now() - first) / 1000;
  const cpuSeconds = cpuSince(cpu);
  await Promise.all([consumer.disconnect(), producer.disconnect()]);
  return { read, written, seconds, cpuSeconds };
}

async function veloJob(bootstrap, round) {
  registerKafkaConnectors({ bounded: true });
  const properties = { 'bootstrap.servers': bootstrap, 'group.id': `velo-job-${round}`, topic: 'trades' };
  const kafkaSource = createSource('kafka_source', { name: 'trades', properties, baseDir: process.cwd() }).connector;
  let first;
  let cpu;
  // Times from the first record the job reads, like the raw loop's first batch.
  const timed = {
    name: kafkaSource.name,
    bounded: kafkaSource.bounded,
    open: (context) => kafkaSource.open(context),
    next: async (max) => {
      const read = await kafkaSource.next(max);
      if (read && read.batch.rows.length > 0 && first === undefined) {
        first = performance.now();
        cpu = process.cpuUsage();
      }
      return read;
    },
    commit: (position) => kafkaSource.commit(position),
    close: () => kafkaSource.close(),
    stats: () => kafkaSource.stats(),
  };
  const engine = await createEngine({
    sql: `CREATE STREAM velo_out AS SELECT id, symbol PRIMARY KEY, price * quantity AS notional FROM trades WHERE price * quantity >= ${LIMIT}
          WITH ('velo_out.type' = 'kafka_sink', 'velo_out.bootstrap.servers' = '${bootstrap}')`,
    sources: { trades: timed },
    warn: () => undefined,
  });
  const summary = await engine.run();
  if (!summary.ok) throw summary.error;
  const seconds = (performance.now() - first) / 1000;
  return { read: summary.jobs[0].recordsIn, written: summary.jobs[0].recordsOut, seconds, cpuSeconds: cpuSince(cpu) };
}

const cluster = await startMockKafka({ topics: [{ name: 'trades', partitions: PARTITIONS }, 'raw_out', 'velo_out'] });
try {
  const kafka = new Kafka({ brokers: [...cluster.brokers], logLevel: logLevel.NOTHING });
  await produceInput(kafka);
  // Interleaved rounds, best of each: the machine is shared and the first round also warms the JIT up.
  let raw;
  let velo;
  for (let round = 1; round <= ROUNDS; round++) {
    const r = await rawLoop(kafka, round);
    const v = await veloJob(cluster.bootstrapServers, round);
    if (r.written !== v.written) throw new Error(`raw loop wrote ${r.written} records, Velo ${v.written}`);
    if (!raw || r.seconds < raw.seconds) raw = r;
    if (!velo || v.seconds < velo.seconds) velo = v;
  }
  const rows = [
    ['raw kafkajs consume → filter → produce (baseline)', raw],
    ['Velo TS kafka_source → WHERE → kafka_sink', velo],
  ];
  console.log('| name | records | out | seconds | records/s | ratio | CPU s | records/CPU-s | CPU ratio |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const [name, r] of rows) {
    const rate = r.read / r.seconds;
    const cpuRate = r.read / r.cpuSeconds;
    console.log(
      `| ${name} | ${r.read} | ${r.written} | ${r.seconds.toFixed(2)} | ${Math.round(rate)} | ${(rate / (raw.read / raw.seconds)).toFixed(2)} | ` +
        `${r.cpuSeconds.toFixed(2)} | ${Math.round(cpuRate)} | ${(cpuRate / (raw.read / raw.cpuSeconds)).toFixed(2)} |`,
    );
  }
} finally {
  await cluster.stop();
}
