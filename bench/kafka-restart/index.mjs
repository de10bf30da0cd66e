// Fast restart of a Kafka consumer-group member: a kafka_source in a child process is killed with SIGKILL (it cannot
// leave its group), a new member starts at once, and we time how long until it reads again — a record produced right
// after the kill. The group holds the dead member's partitions until its session times out, so this is mostly
// `session.timeout.ms` plus a rebalance. Run for the default (6 s, a stock broker's minimum) and for 3 s.
//   node bench/kafka-restart/index.mjs      (ROUNDS=3 by default, BENCH_QUICK=1: 1)
// Target (issue 13): processing again within about 10 s of a kill -9.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { kcatProduce, startMockKafka } from '@velots/kafka-mock';

const ROUNDS = Number(process.env.ROUNDS ?? (process.env.BENCH_QUICK ? 1 : 3));
const memberScript = join(dirname(fileURLToPath(import.meta.url)), 'member.mjs');

function startMember(bootstrapServers, sessionTimeout) {
  const child = spawn(process.execPath, [memberScript, bootstrapServers, sessionTimeout], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const waiting = new Map();
  lines.on('line', (line) => {
    const id = Number(line.split(' ')[1]);
    waiting.get(id)?.();
  });
  return { child, reads: (id) => new Promise((resolve) => waiting.set(id, resolve)) };
}

async function round(kafka, sessionTimeout, n) {
  const base = n * 1000;
  const first = startMember(kafka.bootstrapServers, sessionTimeout);
  const firstRead = first.reads(base);
  await kcatProduce(kafka.bootstrapServers, 'restart', [{ value: `{"id":${base}}`, partition: 0 }, { value: `{"id":${base + 1}}`, partition: 1 }]);
  await firstRead;
  first.child.kill('SIGKILL');
  const killedAt = Date.now();
  const second = startMember(kafka.bootstrapServers, sessionTimeout);
  const readAgain = Promise.all([second.reads(base + 2), second.reads(base + 3)]);
  await kcatProduce(kafka.bootstrapServers, 'restart', [{ value: `{"id":${base + 2}}`, partition: 0 }, { value: `{"id":${base + 3}}`, partition: 1 }]);
  await readAgain;
  const seconds = (Date.now() - killedAt) / 1000;
  second.child.kill('SIGTERM');
  await new Promise((resolve) => second.child.once('exit', resolve));
  return seconds;
}

const results = [];
for (const sessionTimeout of ['default', '3000']) {
  const kafka = await startMockKafka({ topics: [{ name: 'restart', partitions: 2 }] });
  try {
    for (let n = 0; n < ROUNDS; n++) results.push({ sessionTimeout, round: n + 1, seconds: await round(kafka, sessionTimeout, n) });
  } finally {
    await kafka.stop();
  }
}
console.log('session.timeout.ms  round  seconds from kill -9 to reading again (both partitions)');
for (const r of results) console.log(`${r.sessionTimeout.padEnd(18)}  ${String(r.round).padEnd(5)}  ${r.seconds.toFixed(1)}`);
