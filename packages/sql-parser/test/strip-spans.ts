/** Test helper: a plain copy of an AST without `span` and `text`, for comparing trees parsed from different texts. */
export function stripSpans(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripSpans);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === 'span' || k === 'text' || v === undefined) continue;
      out[k] = stripSpans(v);
    }
    return out;
  }
  return value;
}
