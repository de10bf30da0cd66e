/** Test helper: a plain copy of an AST without spans and statement source `text`, for comparing trees parsed from different texts. */
export function stripSpans(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripSpans);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    const isStatement = 'annotations' in value;
    for (const [k, v] of Object.entries(value)) {
      if (k === 'span' || (k === 'text' && isStatement) || v === undefined) continue;
      out[k] = stripSpans(v);
    }
    return out;
  }
  return value;
}
