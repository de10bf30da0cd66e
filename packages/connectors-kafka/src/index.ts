export { registerKafkaConnectors, type KafkaRegistrationOptions } from './register.js';
export { KafkaSource, type KafkaSourceOptions, type KafkaSourcePosition, type ValueCodecChoice } from './source/kafka-source.js';
export { KafkaSink, type KafkaSinkOptions } from './sink/kafka-sink.js';
export { DEAD_LETTER_HEADERS } from './sink/dead-letter-messages.js';
export { BytesMessageCodec, StringMessageCodec } from './codec/raw-message-codec.js';
export { registerValueFormat, type SchemaFormatCodecFactory, type ValueFormat } from './codec/value-format.js';
export { kafkaClientConfig } from './config/kafka-client-config.js';
