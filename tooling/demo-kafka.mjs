#!/usr/bin/env node
// `npm run demo:kafka`: Kafka in and out without installing Kafka. Starts librdkafka's mock cluster on
// loopback, publishes the bundled trades to a topic, runs the Kafka→Kafka quick-start app through
// velo-sql-batch, prints what arrived on the output topic, and stops the broker. Needs a build (tsc -b and tooling/bundle-apps.mjs),
// gcc and librdkafka-dev (bootstrap.mjs builds; `apt-get install gcc librdkafka-dev` for the broker).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMockKafka } from './kafka-mock/dist/index.js';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const cli = join(root, 'apps/velo-sql-batch/dist/velo-sql-batch.mjs');
const example = join(root, 'examples/kafka-quickstart');

function say(message) {
  process.stderr.write(`[velo] ${message}\n`);
}

/** Runs `velo-sql-batch run <app>` against the mock broker; stops the demo on failure. */
function veloRun(app, env) {
  say(`velo-sql-batch run examples/kafka-quickstart/${app}`);
  const result = spawnSync(process.execPath, [cli, 'run', join(example, app)], { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
  return result.status ?? 1;
}

const kafka = await startMockKafka({ brokers: 1, topics: [{ name: 'trades', partitions: 3 }, { name: 'large_trades', partitions: 1 }] });
let status = 0;
try {
  say(`mock Kafka broker listening on ${kafka.bootstrapServers} (topics: trades ×3 partitions, large_trades)`);
  const env = { KAFKA_BROKERS: kafka.bootstrapServers };
  for (const app of ['load-trades.sql', 'app.sql', 'show-output.sql']) {
    status = veloRun(app, env);
    if (status !== 0) break;
  }
} finally {
  await kafka.stop();
  say('mock Kafka broker stopped');
}
process.exit(status);
