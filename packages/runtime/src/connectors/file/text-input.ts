import type { ByteChunkSource } from './byte-chunks.js';
import { settlesWithin } from './sleep.js';
import { invalidUtf8Problem } from './record-checks.js';
import { isRecordProblem, type RecordFormat, type RecordProblem } from './record-format.js';
import type { TextRecordReader, TextTokenizer } from './text-record-reader.js';

/** One input of a text source: a file (re-openable at a byte offset) or a stream. */
export interface TextInput {
  /** The name errors show (a path relative to the app's directory, or `<stdin>`). */
  readonly display: string;
  /** The identity kept in positions (an absolute path). */
  readonly id: string;
  open(startByte: number): ByteChunkSource;
  /** False for streams: they cannot be reopened at a checkpoint's byte offset. */
  readonly seekable?: boolean | undefined;
  /** A live stream (stdin): data arrives when its writer sends it, so a batch never waits to be filled. */
  readonly live?: boolean | undefined;
}

/** An input being read: its reader, the `skip_lines` still to skip and whether its header is still to come. */
export interface OpenInput {
  readonly input: TextInput;
  readonly reader: TextRecordReader<TextTokenizer>;
  skipRemaining: number;
  headerPending: boolean;
}

/** A record read ahead while the schema was inferred. */
export interface SampledRecord {
  readonly captured: unknown;
  readonly line: number;
  readonly raw: string;
  readonly byteOffset: number;
  readonly endByte: number;
  readonly nextLine: number;
}

/**
 * Skips `skip_lines`, takes the header, and scans the next record: the structure every read goes through.
 * `tails`: the input is watched for appended data, so its end is never final; only the first input's header
 * is given to the format (later files' headers are skipped).
 */
export function scanStructure(
  current: OpenInput,
  format: RecordFormat<unknown>,
  tails: boolean,
  firstInput: boolean,
): 'record' | 'malformed' | 'need-more' | 'end' {
  const final = current.reader.exhausted && !tails;
  const tokenizer = current.reader.tokenizer;
  while (current.skipRemaining > 0) {
    if (!tokenizer.skipLine(final)) return final ? 'end' : 'need-more';
    current.skipRemaining--;
  }
  for (;;) {
    const scan = tokenizer.next(final);
    if (scan !== 'record' || !current.headerPending) return scan;
    current.headerPending = false;
    const header = format.capture(tokenizer);
    if (!isRecordProblem(header) && firstInput) format.acceptHeader(header);
  }
}

/** The problem of the record the tokenizer found malformed. */
export function malformedProblem(format: RecordFormat<unknown>, tokenizer: TextTokenizer): RecordProblem {
  return { code: 'RECORD_MALFORMED', message: `malformed ${format.name.toUpperCase()} record: ${tokenizer.problem}` };
}

/** Records read ahead to infer types, and a read of a live input still under way when sampling stopped. */
export interface Sample {
  readonly records: SampledRecord[];
  readonly pendingFill: Promise<boolean> | undefined;
}

/**
 * Reads ahead up to `wanted` records of the first input (all kept for the source to hand out) so the format
 * can infer types. A live input (stdin, a tailed file) is sampled only for what arrives within `boundMs` of its
 * first record: types come from what is there, instead of waiting for `wanted` records that may come slowly.
 */
export async function readSample(current: OpenInput, wanted: number, format: RecordFormat<unknown>, tails: boolean, boundMs = Infinity): Promise<Sample> {
  const pending: SampledRecord[] = [];
  const live = tails || current.input.live === true;
  let count = 0;
  let firstAt = Number.NaN;
  for (;;) {
    if (count >= wanted && !current.headerPending && current.skipRemaining === 0) break;
    const scan = scanStructure(current, format, tails, true);
    if (scan === 'need-more') {
      if (live && count > 0) {
        const fill = current.reader.fill();
        if (!(await settlesWithin(fill, boundMs - (performance.now() - firstAt)))) return { records: pending, pendingFill: fill };
        if (!(await fill) && tails) break;
        continue;
      }
      if (!(await current.reader.fill()) && tails) break;
      continue;
    }
    if (scan === 'end') break;
    const tokenizer = current.reader.tokenizer;
    const byteOffset = current.reader.byteOffsetAt(tokenizer.recordStart);
    const raw = tokenizer.recordText();
    const captured: unknown = scan === 'malformed' ? malformedProblem(format, tokenizer) : (invalidUtf8Problem(current.reader) ?? format.capture(tokenizer));
    if (!isRecordProblem(captured)) format.sample(captured);
    pending.push({
      captured,
      line: tokenizer.recordLine,
      raw,
      byteOffset,
      endByte: current.reader.consumedByteOffset,
      nextLine: tokenizer.nextLine,
    });
    if (count++ === 0) firstAt = performance.now();
  }
  return { records: pending, pendingFill: undefined };
}
