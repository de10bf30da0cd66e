export { startMockKafka, type MockKafka, type MockKafkaOptions, type TopicSpec } from './mock-kafka.js';
export { mockClusterBinary } from './mock-binary.js';
export { kcatConsume, kcatProduce, type KcatMessage, type KcatRecord } from './kcat.js';
