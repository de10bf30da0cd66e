import { VeloError, type BadRecord, type RecordLocation } from '@velots/core';
import type { RecordProblem } from './record-format.js';

/**
 * The BadRecord of a record problem: its message starts with `file:line[:column]` and its location holds
 * all that is known (the line is moved by the problem's `lineDelta`; `index` is the record's `_offset`).
 */
export function badRecordOf(
  source: string,
  file: string,
  problem: RecordProblem,
  line: number,
  index: number,
  raw: string,
  byteOffset: number | undefined,
): BadRecord {
  const errorLine = line + (problem.lineDelta ?? 0);
  const where = `${file}:${errorLine}${problem.column !== undefined ? `:${problem.column}` : ''}`;
  const location: RecordLocation = {
    source,
    file,
    line: errorLine,
    ...(problem.column !== undefined ? { column: problem.column } : {}),
    ...(byteOffset !== undefined ? { byteOffset } : {}),
    offset: index,
    ...(problem.field !== undefined ? { field: problem.field } : {}),
  };
  const error = new VeloError(problem.code, `${where}: ${problem.message}`, { location });
  return { raw, error, location };
}
