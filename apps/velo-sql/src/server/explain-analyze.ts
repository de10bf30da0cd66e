import { explainJob } from '@velots/planner';
import type { AppJob } from './deployed-app.js';
import { jobProfile } from './job-views.js';

/** A node line of `explainJob` output: an indented operator name followed by ` [` or ` →`. */
const NODE_LINE = /^(\s*)([A-Z][A-Za-z]*)( \[| →)/;

/**
 * The plan of a running job with each operator's profile figures appended to its line (operators run
 * leaf first, so they match the plan's node lines bottom-up; Scan has no operator).
 */
export function explainAnalyze(job: AppJob): string {
  const lines = explainJob(job.plan).split('\n');
  const profile = jobProfile(job);
  const nodeLines = lines.map((line, i) => ({ i, match: NODE_LINE.exec(line) })).filter((l) => l.match && l.match[2] !== 'Scan').map((l) => l.i).reverse();
  if (nodeLines.length === profile.operators.length) {
    profile.operators.forEach((o, k) => {
      const i = nodeLines[k]!;
      lines[i] = `${lines[i]}  (rows in ${o.rowsIn}, out ${o.rowsOut}, ${o.nsPerRow} ns/row, state ${o.stateEntries})`;
    });
  } else {
    for (const o of profile.operators) lines.push(`  ${o.operator}: rows in ${o.rowsIn}, out ${o.rowsOut}, ${o.nsPerRow} ns/row, state ${o.stateEntries}`);
  }
  lines.push(`state: ${job.state}; source wait ${profile.sourceWaitMs.toFixed(1)} ms; backpressure ${profile.backpressureMs.toFixed(1)} ms`);
  for (const p of profile.partitions) {
    lines.push(`source ${p.source} partition ${p.partition}: ${p.recordsIn} records, event-time lag ${p.eventTimeLagMs ?? '-'} ms, watermark ${p.watermark === null ? '-' : new Date(p.watermark).toISOString()}`);
  }
  return lines.join('\n');
}
