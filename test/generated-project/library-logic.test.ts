// The library example with hand-written logic in every user-owned file
// (test/fixtures/library-logic): every spec passes, none is left todo, the projection tests
// run against a real PostgreSQL, and regenerating never touches the hand-written files.
// The type-check and the service's own run read the project test/ops/generated-ops.test.ts reads
// too (shared for the run, ADR 0107); regenerating writes, so it works in a private copy.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apply } from '../../generator/apply/index.js';
import { loadTemplates } from '../../generator/emit/templates.js';
import type { Command } from '../../generator/model/types.js';
import { plan } from '../../generator/plan.js';
import { filesUnder } from '../support/files-under.js';
import { LIBRARY_LOGIC_FIXTURE as FIXTURE, sharedLibraryWithLogic } from './library-logic-service.js';
import { expectUntouched, privateCopy, removeCopy, sharedTestRun, sharedToolRun, type SharedService } from './shared-service.js';
import { GENERATED_RUN_TIMEOUT, loadExample, planExample, runTool } from './support.js';

describe('generated library service with hand-written logic', () => {
  let shared: SharedService | undefined;
  /** A private copy of the shared project as first generated, for the tests that regenerate. */
  let dir = '';
  // One read of the templates for both runs: regenerating must not depend on anything but the model.
  const templates = loadTemplates();
  const fixtureFiles = filesUnder(FIXTURE);

  beforeAll(async () => {
    shared = await sharedLibraryWithLogic(templates);
    dir = privateCopy(shared, 'library-logic');
  });
  afterAll(() => {
    removeCopy(dir);
    if (shared) expectUntouched(shared, 'after this file');
  });

  it('replaces only user-owned files', async () => {
    const planned = await planExample('library', { templates });
    for (const path of fixtureFiles) expect(planned.get(path)?.ownership, path).toBe('scaffold');
  }, GENERATED_RUN_TIMEOUT);

  it('type-checks, and every spec passes with none left todo, PostgreSQL included', () => {
    const tsc = sharedToolRun(shared!, 'tsc', ['-p', 'tsconfig.json']);
    expect(tsc.output).toBe('');
    const { run, outcomes } = sharedTestRun(shared!);
    expect(run.status, run.output).toBe(0);
    expect(outcomes.filter((o) => o.status !== 'passed'), run.output).toEqual([]);
    expect(outcomes.find((o) => o.name.startsWith('a returned book cannot be returned again'))?.status).toBe('passed');
    // Our PostgreSQL tests ran (other generated .pg tests may exist; all of them passed above).
    const postgres = outcomes.filter((o) => o.file.endsWith('.pg.test.ts')).map((o) => `${o.file}: ${o.status}`);
    expect(postgres).toEqual(
      expect.arrayContaining([
        'test/composition-root.pg.test.ts: passed',
        'test/lending/projections/active-loans-by-member.pg.test.ts: passed',
        'test/lending/projections/overdue-loans.pg.test.ts: passed',
      ]),
    );
  }, GENERATED_RUN_TIMEOUT);

  it('leaves the hand-written files byte-identical when regenerating', async () => {
    const report = await apply(await planExample('library', { templates }), dir);
    expect(report.problems).toEqual([]);
    for (const path of fixtureFiles) {
      expect(readFileSync(join(dir, path), 'utf8'), path).toBe(readFileSync(join(FIXTURE, path), 'utf8'));
    }
    // And nothing generated changed either: every planned file is reported unchanged.
    expect(report.files.filter((f) => f.status !== 'unchanged').map((f) => `${f.path}: ${f.status}`)).toEqual([]);
  }, GENERATED_RUN_TIMEOUT);

  it('grows a typed stub when the model gains a command, keeping every hand-written body', async () => {
    const model = loadExample('library');
    const lending = model.contexts[0]!;
    const returnBook = lending.commands.find((c) => c.name === 'ReturnBook')!;
    const waive: Command = { ...returnBook, name: 'WaiveLoan', description: 'The branch writes a lost book off.', fields: returnBook.fields.slice(0, 1), rejects: [] };
    lending.commands = [...lending.commands, waive];
    const report = await apply(await plan(model, { templates, modelRoot: 'models/library' }), dir);
    expect(report.problems).toEqual([]);
    const logicPath = 'src/lending/loan/logic.ts';
    const grown = readFileSync(join(dir, logicPath), 'utf8');
    const original = readFileSync(join(FIXTURE, logicPath), 'utf8');
    // Every hand-written line is still there (import lists may gain names); the stub and the
    // import it needs were added.
    for (const line of original.split('\n').filter((l) => !l.startsWith('import '))) expect(grown).toContain(line);
    expect(grown).toMatch(/import type \{[^}]*\bWaiveLoan\b[^}]*\bWaiveLoanRejections\b[^}]*\} from '\.\/commands\.js';/);
    expect(grown).toContain('export function decideWaiveLoan(command: WaiveLoan, state: LoanState, reject: WaiveLoanRejections, lifecycle: LoanLifecycle): BookReturned | BookReturned[] {');
    expect(grown).toContain("import { modelDefault, notImplemented } from '../../runtime/index.js';");
    expect(grown).toMatch(/import type \{[^}]*\bLoanLifecycle\b[^}]*\} from '\.\/state\.js';/);
    const tsc = runTool(dir, 'tsc', ['-p', 'tsconfig.json']);
    expect(tsc.output).toBe('');
  }, GENERATED_RUN_TIMEOUT);
});
