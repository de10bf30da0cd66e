import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const cli = join(resolve(here, '../../..'), 'apps/velo-sql-batch/dist/cli.js');

/**
 * Runs `sql` with a stdin source and stdout results, writing one input line at a time: the next line is
 * written only once the results of the previous one came out. If the engine waited to fill a batch (or for
 * the end of input) before answering, no result would come and the test would time out.
 */
async function answerEachLineBeforeTheNext(sql: string, lines: readonly string[], resultsPerLine: number): Promise<string[][]> {
  const dir = mkdtempSync(join(tmpdir(), 'velo-stream-'));
  writeFileSync(join(dir, 'app.sql'), sql);
  const child = spawn(process.execPath, [cli, 'run', join(dir, 'app.sql'), '--quiet'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.on('exit', done));
  const output = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const answers: string[][] = [];
  for (const line of lines) {
    child.stdin.write(`${line}\n`);
    const answer: string[] = [];
    while (answer.length < resultsPerLine) {
      const next = await output.next();
      if (next.done) throw new Error(`stdout ended before the answer to ${line}; stderr: ${stderr}`);
      answer.push(next.value);
    }
    answers.push(answer);
  }
  child.stdin.end();
  expect(await exited).toBe(0);
  expect(stderr).toBe('');
  return answers;
}

describe('velo-sql-batch over a slow stdin', () => {
  it('prints each record’s result before the next record is written (no declared schema: types from what has arrived)', async () => {
    const answers = await answerEachLineBeforeTheNext(
      `SELECT sym, px * 2 AS px2 FROM ticks WITH ('ticks.type' = 'stdin', 'ticks.format' = 'jsonlines');`,
      ['{"sym":"A","px":1.5}', '{"sym":"B","px":2.5}', '{"sym":"A","px":3.5}'],
      1,
    );
    expect(answers).toEqual([['{"sym":"A","px2":3.0}'], ['{"sym":"B","px2":5.0}'], ['{"sym":"A","px2":7.0}']]);
  });

  it('emits a grouped count’s changed row each time the input has caught up (EMIT CHANGES)', async () => {
    const answers = await answerEachLineBeforeTheNext(
      `SELECT sym, COUNT(*) AS n FROM ticks GROUP BY sym WITH ('ticks.type' = 'stdin', 'ticks.format' = 'jsonlines');`,
      ['{"sym":"A"}', '{"sym":"B"}', '{"sym":"A"}'],
      1,
    );
    expect(answers).toEqual([['{"sym":"A","n":1}'], ['{"sym":"B","n":1}'], ['{"sym":"A","n":2}']]);
  });
});
