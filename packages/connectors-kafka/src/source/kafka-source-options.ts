import type { Codec } from '@velots/core';
import type { EventTimeOptions } from '@velots/runtime';
import type { ConsumerConfig, KafkaConfig } from 'kafkajs';

/** Builds the value codec once the source knows what it needs: declared, or inferred from sample payloads. */
export interface ValueCodecChoice {
  /** True when the codec infers its schema from the first messages (JSON without a declared schema). */
  readonly needsSample: boolean;
  create(samples: readonly Uint8Array[]): Codec | Promise<Codec>;
}

export interface KafkaSourceOptions {
  readonly name: string;
  readonly topic: string;
  readonly groupId: string;
  /** `isolation.level = read_uncommitted`: also read records of open and aborted transactions (kafkajs's default is read_committed). */
  readonly readUncommitted: boolean;
  readonly autoOffsetReset: 'earliest' | 'latest';
  /** Read each assigned partition up to the end offset seen at open, then end (velo-sql-batch). */
  readonly bounded: boolean;
  readonly client: KafkaConfig;
  readonly codec: ValueCodecChoice;
  /** `key.field`: a STRING column that receives the message key. */
  readonly keyField?: string | undefined;
  readonly eventTime?: EventTimeOptions | undefined;
  /** Records buffered between the consumer and the job before the topic is paused. */
  readonly maxBufferedRecords: number;
  /** Messages sampled to infer a JSON schema. */
  readonly sampleSize: number;
  /** How long the group waits for a silent member before handing its partitions to others (a restart's wait). */
  readonly sessionTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
  /** How long a rebalance waits for the members to rejoin. */
  readonly rebalanceTimeoutMs: number;
  readonly maxWaitMs: number;
  /** How long `open` keeps trying to reach an unreachable cluster (`connect.timeout.ms`) before it fails. */
  readonly connectTimeoutMs: number;
}

/** The kafkajs consumer settings of a source (the heartbeat at most a third of the session timeout). */
export function consumerConfig(options: KafkaSourceOptions): ConsumerConfig {
  return {
    groupId: options.groupId,
    sessionTimeout: options.sessionTimeoutMs,
    heartbeatInterval: Math.min(options.heartbeatIntervalMs, Math.floor(options.sessionTimeoutMs / 3)),
    rebalanceTimeout: options.rebalanceTimeoutMs,
    maxWaitTimeInMs: options.maxWaitMs,
    allowAutoTopicCreation: false,
    readUncommitted: options.readUncommitted,
  };
}
