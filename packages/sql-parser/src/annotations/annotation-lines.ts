/** Recognises annotation comment lines: `-- @key: value`, header lines (`-- Version: 2`) and `-- Property: k=v`. */
import type { IToken } from 'chevrotain';
import type { RawAnnotation } from '../ast.js';
import { node, spanOf } from '../grammar/spans.js';

const AT_LINE = /^--\s*@([A-Za-z_][\w.-]*)\s*(?::\s*(.*?))?\s*$/;
const HEADER_LINE = /^--\s*(SQL Application|Application|Version|Description|Author|Dependencies|Tag|Name|Property)\s*:\s*(.*?)\s*$/i;

/** The annotation a comment token carries, or undefined for an ordinary comment. */
export function annotationOf(comment: IToken): RawAnnotation | undefined {
  const text = comment.image;
  if (!text.startsWith('--')) return undefined;
  const span = spanOf(comment);
  const at = AT_LINE.exec(text);
  if (at) return node<RawAnnotation>({ kind: 'RawAnnotation', span, key: (at[1] ?? '').toLowerCase(), value: at[2] ?? '', form: 'at' });
  const header = HEADER_LINE.exec(text);
  if (!header) return undefined;
  const label = (header[1] ?? '').toLowerCase().replace(/\s+/g, '_');
  const value = header[2] ?? '';
  if (label === 'property') return node<RawAnnotation>({ kind: 'RawAnnotation', span, key: 'property', value, form: 'property' });
  return node<RawAnnotation>({ kind: 'RawAnnotation', span, key: label === 'application' ? 'sql_application' : label, value, form: 'header' });
}

/** Strips one pair of surrounding quotes: `"Trades per symbol"` → `Trades per symbol`. */
export function unquoteValue(value: string): string {
  const m = /^(["'])(.*)\1$/.exec(value.trim());
  return m ? (m[2] ?? '') : value.trim();
}
