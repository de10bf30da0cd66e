import { describe } from 'vitest';
import { brokerOutageSuite } from './broker-outage.suite.js';
import { corruptCheckpointSuite } from './corrupt-checkpoint.suite.js';
import { killNineSuite } from './kill-nine.suite.js';
import { transactionalSuite } from './transactional.suite.js';

/**
 * The fault-injection suite of docs/operations.md. Its tests mostly wait for child processes (velo-sql, the mock
 * broker, kcat), so they run concurrently: the suite's wall time is its longest test, not their sum.
 */
describe.concurrent('fault injection: velo-sql with checkpoints against the mock Kafka cluster', () => {
  killNineSuite();
  transactionalSuite();
  corruptCheckpointSuite();
  brokerOutageSuite();
});
