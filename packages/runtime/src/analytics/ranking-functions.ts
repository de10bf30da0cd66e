import type { SqlValue } from '@velots/core';
import { integerArgument, type AnalyticFunction } from './analytic-function.js';
import type { PartitionBuffer } from './partition-buffer.js';

/*
 * Ranking functions ignore the frame and are computed when the row arrives, over the rows its partition
 * holds at that moment ("rows seen so far", the buffer with ROWS WINDOW BUFFER n). On input in ORDER BY
 * order ROW_NUMBER, RANK and DENSE_RANK equal a SQL engine's; PERCENT_RANK, CUME_DIST and NTILE see a
 * partition that ends at the current row, so they describe the row among those seen so far (with ORDER
 * BY price over time-ordered input: what fraction of the prices so far are ≤ this one).
 */

abstract class ImmediateRanking implements AnalyticFunction {
  readonly waits = false;
  readonly completable = false;

  ready(): boolean {
    return true;
  }

  abstract evaluate(buffer: PartitionBuffer, index: number): SqlValue;
}

/** ROW_NUMBER(): the row's position in ORDER BY order (ties: arrival order), from 1. */
export class RowNumberFunction extends ImmediateRanking {
  evaluate(_buffer: PartitionBuffer, index: number): SqlValue {
    return index + 1;
  }
}

/** RANK(): 1 + the number of rows that sort strictly before it. */
export class RankFunction extends ImmediateRanking {
  evaluate(buffer: PartitionBuffer, index: number): SqlValue {
    return buffer.firstPeer(index) + 1;
  }
}

/**
 * DENSE_RANK(): 1 + the number of distinct ORDER BY values before it. Counts peer groups from the
 * previous answer when the layout is unchanged (in-order arrival: a step of one), else from the start.
 */
export class DenseRankFunction extends ImmediateRanking {
  constructor(private readonly callIndex: number) {
    super();
  }

  evaluate(buffer: PartitionBuffer, index: number): SqlValue {
    const first = buffer.firstPeer(index);
    let memo = buffer.denseRanks[this.callIndex];
    if (memo === undefined || memo.stamp !== buffer.layoutStamp || memo.firstPeer > first) {
      memo = { firstPeer: 0, rank: 1, stamp: buffer.layoutStamp };
      buffer.denseRanks[this.callIndex] = memo;
    }
    // Walk peer group by peer group from the memo's group to ours.
    while (memo.firstPeer < first) {
      memo.firstPeer = buffer.lastPeer(memo.firstPeer) + 1;
      memo.rank++;
    }
    return memo.rank;
  }
}

/** PERCENT_RANK(): (RANK − 1) / (rows − 1), 0 for a lone row. */
export class PercentRankFunction extends ImmediateRanking {
  evaluate(buffer: PartitionBuffer, index: number): SqlValue {
    const n = buffer.length;
    return n <= 1 ? 0 : buffer.firstPeer(index) / (n - 1);
  }
}

/** CUME_DIST(): rows sorting before it or with it / rows. */
export class CumeDistFunction extends ImmediateRanking {
  evaluate(buffer: PartitionBuffer, index: number): SqlValue {
    return (buffer.lastPeer(index) + 1) / buffer.length;
  }
}

/** NTILE(n): the bucket 1..n of the row when the rows are dealt into n buckets, larger buckets first (as PostgreSQL). */
export class NtileFunction extends ImmediateRanking {
  constructor(private readonly argStart: number) {
    super();
  }

  evaluate(buffer: PartitionBuffer, index: number): SqlValue {
    const buckets = integerArgument(buffer.entries[index]!.features[this.argStart], 'NTILE bucket count', 1);
    if (buckets === null) return null;
    const rows = buffer.length;
    const size = Math.floor(rows / buckets);
    const remainder = rows % buckets;
    if (size === 0) return index + 1;
    const inLargeBuckets = remainder * (size + 1);
    if (index < inLargeBuckets) return Math.floor(index / (size + 1)) + 1;
    return remainder + Math.floor((index - inLargeBuckets) / size) + 1;
  }
}
