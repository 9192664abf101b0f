// Running a generated service's operations tests and entry points from our suite.

import { join } from 'node:path';
import { runTool, type TestOutcome, type ToolRun } from '../generated-project/support.js';
import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';

/** The tsx binary the generated service runs `npm start` / `npm run ops` with (through our node_modules link). */
export const tsxIn = (dir: string): string => join(dir, 'node_modules', '.bin', 'tsx');

/** `vitest run test/ops` inside the generated project, with every test's outcome. */
export function runOpsTests(dir: string): { run: ToolRun; outcomes: TestOutcome[] } {
  const run = runTool(dir, 'vitest', ['run', 'test/ops', '--reporter=json', '--outputFile=.vitest-ops.json']);
  let outcomes: TestOutcome[] = [];
  try {
    const report = JSON.parse(readFileSync(join(dir, '.vitest-ops.json'), 'utf8')) as {
      testResults: { name: string; assertionResults: { title: string; status: TestOutcome['status'] }[] }[];
    };
    outcomes = report.testResults.flatMap((file) =>
      file.assertionResults.map((a) => ({ file: relative(dir, file.name).split(sep).join('/'), name: a.title, status: a.status })),
    );
  } catch {
    // No report: the run failed before writing it; run.output says why.
  }
  return { run, outcomes };
}
