import { Schema, SqlTypes } from '@velots/core';
import { parse } from '@velots/sql-parser';
import { describe, expect, it } from 'vitest';
import { AppPlanner, type PhysicalNode } from '../../src/index.js';

const trades = Schema.of(['id', SqlTypes.BIGINT], ['symbol', SqlTypes.STRING], ['qty', SqlTypes.BIGINT]);
const FILES = `WITH ('trades.type' = 'file_source', 'trades.path' = 'trades.csv')`;

async function root(sql: string): Promise<PhysicalNode> {
  const planner = new AppPlanner(parse(sql, { file: 'app.sql' }), { file: 'app.sql', resolveSource: async () => trades });
  const last = (await planner.planAll()).at(-1);
  if (last?.kind !== 'job') throw new Error('expected a job');
  return last.job.root;
}

function kinds(node: PhysicalNode): string[] {
  const input = (node as { input?: unknown }).input;
  return typeof input === 'object' && input !== null ? [node.kind, ...kinds(input as PhysicalNode)] : [node.kind];
}

describe('ORDER BY', () => {
  it('sorts by an input column the select list drops, then removes it from the output', async () => {
    const plan = await root(`SELECT id FROM trades ORDER BY qty DESC LIMIT 3 ${FILES}`);
    expect(plan.schema.names).toEqual(['id']);
    expect(kinds(plan).slice(0, 3)).toEqual(['FilterProject', 'Limit', 'Sort']);
  });

  it('sorts by an aggregate the select list drops', async () => {
    const plan = await root(`SELECT symbol FROM trades GROUP BY symbol ORDER BY SUM(qty) ${FILES}`);
    expect(plan.schema.names).toEqual(['symbol']);
  });

  it('still rejects an input column under DISTINCT, naming the rule', async () => {
    await expect(root(`SELECT DISTINCT symbol FROM trades ORDER BY qty ${FILES}`)).rejects.toThrow(/ORDER BY sorts the output, so it can name only output columns/);
  });

  it('reads ORDER BY n and GROUP BY n as positions in the select list, and rejects one past its end', async () => {
    const plan = await root(`SELECT symbol, SUM(qty) AS q FROM trades GROUP BY 1 ORDER BY 2 DESC ${FILES}`);
    expect(plan.schema.names).toEqual(['symbol', 'q']);
    const find = (node: PhysicalNode | undefined): PhysicalNode | undefined =>
      node === undefined || node.kind === 'Sort' ? node : find((node as { input?: PhysicalNode }).input);
    const sort = find(plan);
    expect(sort?.kind).toBe('Sort');
    if (sort?.kind === 'Sort') expect(sort.keys[0]).toMatchObject({ expr: { kind: 'Column', index: 1 }, descending: true });
    await expect(root(`SELECT symbol FROM trades ORDER BY 2 ${FILES}`)).rejects.toThrow(/ORDER BY 2: the output has 1 column/);
    await expect(root(`SELECT symbol, COUNT(*) AS n FROM trades GROUP BY 3 ${FILES}`)).rejects.toThrow(/GROUP BY 3: the select list has 2 item/);
  });
});
