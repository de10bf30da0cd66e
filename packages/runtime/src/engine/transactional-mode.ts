import { ErrorCodes, VeloError, type Sink, type Source } from '@velots/core';
import type { JobPlan } from '@velots/planner';
import { emitsAtOnce } from './commit-policy.js';

/**
 * True when a job runs in transactional mode: `-- @job_mode: transactional` (statement or file level), or
 * WITH `'mode' = 'transactional'` / `'use_transactions' = 'true'` (dialect §3, §4).
 */
export function isTransactional(plan: JobPlan): boolean {
  const mode = plan.properties['mode']?.trim().toLowerCase();
  const useTransactions = plan.properties['use_transactions']?.trim().toLowerCase();
  return plan.annotations.jobMode === 'transactional' || mode === 'transactional' || useTransactions === 'true';
}

/** The transactional id of a job's sink: stable across restarts, so a restarted job fences its previous instance. */
export function transactionalIdOf(jobId: string, sinkName: string): string {
  return `velo-${jobId}-${sinkName}`;
}

/**
 * The sink that commits a transactional job's source position, checked before the job reads anything: the job
 * must have exactly one sink, able to commit positions (`commitWithPosition`), and no late-data sink (its writes
 * could not join the transaction). Mixed jobs (a file sink, a file source) are refused with a CONFIG error
 * rather than silently run at-least-once. A job that holds records in open windows over an unbounded source needs
 * checkpoints (`checkpointed`): each checkpoint is then its commit point.
 */
export function transactionalSink(plan: JobPlan, source: Source, sink: Sink | undefined, lateSink: Sink | undefined, checkpointed = false): Sink & Required<Pick<Sink, 'commitWithPosition'>> {
  const refuse = (why: string): never => {
    throw new VeloError(ErrorCodes.CONFIG, `job '${plan.name}' runs in transactional mode, but ${why}; transactional mode needs a Kafka source and a Kafka sink (or run it in simple mode: at-least-once)`);
  };
  if (!sink) return refuse('it has no sink');
  if (!sink.commitWithPosition) return refuse(`its sink '${sink.name}' cannot commit in a transaction`);
  if (lateSink) return refuse(`its late-data sink '${lateSink.name}' cannot join the sink's transaction`);
  // With checkpoints every checkpoint is a commit point, open windows included (their state is in the checkpoint).
  if (!checkpointed && !source.bounded && !emitsAtOnce(plan.root)) return refuse('it holds records in open windows and never ends, so it would never reach a commit point');
  return sink as Sink & Required<Pick<Sink, 'commitWithPosition'>>;
}
