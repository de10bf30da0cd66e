#!/usr/bin/env node
// Prints the CI summary line, `N passed, N failed[, N skipped]`, summed over every test of every
// package from vitest's JSON report; exits 1 when anything failed.
//   node tooling/count-tests.mjs <results.json>
//   node tooling/count-tests.mjs --failed-step <step>   (a step before the tests failed)
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** The summary line; skipped only appears when some test was skipped, todo or pending. */
export function summaryLine({ passed, failed, skipped }) {
  return `${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
}

/** Counts test outcomes in a vitest (jest-compatible) JSON report. */
export function countTests(report) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const file of report.testResults ?? []) {
    let failedInFile = 0;
    for (const test of file.assertionResults ?? []) {
      if (test.status === 'passed') counts.passed++;
      else if (test.status === 'failed') failedInFile++;
      else counts.skipped++; // skipped, pending, todo, disabled
    }
    // A file that failed to load or whose hooks threw has no failed test of its own: count it once.
    if (failedInFile === 0 && file.status === 'failed') failedInFile = 1;
    counts.failed += failedInFile;
  }
  return counts;
}

function main(args) {
  if (args[0] === '--failed-step') {
    console.log(`${args[1] ?? 'a step'} failed before the tests ran`);
    console.log(summaryLine({ passed: 0, failed: 1, skipped: 0 }));
    return 1;
  }
  const path = args[0];
  if (!path || !existsSync(path)) {
    console.log(`vitest wrote no JSON report${path ? ` at ${path}` : ''}`);
    console.log(summaryLine({ passed: 0, failed: 1, skipped: 0 }));
    return 1;
  }
  const counts = countTests(JSON.parse(readFileSync(path, 'utf8')));
  if (counts.passed + counts.failed + counts.skipped === 0) {
    console.log('vitest ran no tests');
    counts.failed = 1;
  }
  console.log(summaryLine(counts));
  return counts.failed > 0 ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  process.exit(main(process.argv.slice(2)));
