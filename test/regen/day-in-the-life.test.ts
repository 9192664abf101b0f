// A day in the life of a team on the library example: generate; write logic and an extra file by
// hand; change the model (add a command, add a field, rename an event, remove a policy);
// regenerate. Hand-written code must survive byte for byte where the model did not force a
// change, new stubs must appear, the compiler must point at the hand-written code that no
// longer fits, orphans must be reported, and `generate --check` must be clean afterwards.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { diffChars } from 'diff';
import { beforeAll, describe, expect, it } from 'vitest';
import { editModel, libraryRepo, REPO_ROOT, runCli, type CliRun } from './support.js';

const LOGIC = 'service/src/lending/loan/logic.ts';
const OVERDUE_LOGIC = 'service/src/lending/projections/overdue-loans.logic.ts';
const POLICY_LOGIC = 'service/src/lending/policies/remind-when-due.logic.ts';
const RULES = 'service/src/lending/loan/rules.ts';

const read = (repo: string, rel: string) => fs.readFileSync(path.join(repo, rel), 'utf8');
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

/** Parts of `before` that are missing from `after` (empty when `after` only adds text). */
const removedText = (before: string, after: string) =>
  diffChars(before, after)
    .filter((c) => c.removed)
    .map((c) => c.value);

function tsc(project: string): { code: number; errors: { file: string; line: number; message: string }[] } {
  const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', 'tsconfig.json', '--pretty', 'false'], { cwd: project, encoding: 'utf8' });
  const errors = [...run.stdout.matchAll(/^(.+?)\((\d+),\d+\): error (TS\d+: .*)$/gm)].map((m) => ({ file: m[1]!, line: Number(m[2]), message: m[3]! }));
  return { code: run.status ?? -1, errors };
}

describe('a day in the life', () => {
  let repo: string;
  let handWrittenLogic: string;
  let handWrittenOverdue: string;
  let handWrittenRules: string;
  let regen: CliRun;

  beforeAll(async () => {
    repo = libraryRepo();
    // Morning: generate the service; the generated project compiles.
    const first = await runCli(['generate'], repo);
    expect(first.code, first.stdout).toBe(0);
    fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(repo, 'service/node_modules'), 'dir');
    expect(tsc(path.join(repo, 'service')).errors).toEqual([]);

    // The team writes logic and a helper file by hand.
    handWrittenRules = `// Our own helpers; stormsmith does not know this file.\nexport const normaliseDate = (date: string): string => date.slice(0, 10);\n`;
    fs.writeFileSync(path.join(repo, RULES), handWrittenRules);
    let logic = read(repo, LOGIC);
    logic = logic.replace(/import type \{[^}]*\} from '\.\/state\.js';/, (line) => `${line}\nimport { normaliseDate } from './rules.js';`);
    logic = logic.replace(
      /(export function decideBorrowBook\([^)]*\)[^{]*\{\n)[\s\S]*?\n\}/,
      `$1  // Hand-written: due dates arrive with a time from the desk scanner.\n  const dueOn = normaliseDate(command.data.dueOn);\n  return { type: 'BookBorrowed', data: { loanId: command.data.loanId, memberId: command.data.memberId, copy: command.data.copy, dueOn } };\n}`,
    );
    logic = logic.replace(
      /(export function decideReturnBook\([^)]*\)[^{]*\{\n)[\s\S]*?\n\}/,
      `$1  if (state.returned) return reject.LoanAlreadyReturned('returned already');\n  return { type: 'BookReturned', data: { loanId: command.data.loanId, memberId: state.memberId ?? '', returnedOn: command.data.returnedOn } };\n}`,
    );
    logic = logic.replace(/(export function evolveBookReturned\([^)]*\)[^{]*\{\n)[\s\S]*?\n\}/, `$1  return { ...state, returned: true }; // hand-written\n}`);
    fs.writeFileSync(path.join(repo, LOGIC), logic);
    handWrittenLogic = logic;
    handWrittenOverdue = read(repo, OVERDUE_LOGIC);
    expect(tsc(path.join(repo, 'service')).errors).toEqual([]);

    // Afternoon: the model changes.
    editModel(repo, 'lending.yaml', [
      // add a field (to a command and its event, and to the specs that use them)
      ['      copy: BookCopy\n      dueOn: date\n    emits: [BookBorrowed]', '      copy: BookCopy\n      dueOn: date\n      channel: string\n    emits: [BookBorrowed]'],
      ['      copy: BookCopy\n      dueOn: date\n  LoanRenewed:', '      copy: BookCopy\n      dueOn: date\n      channel: string\n  LoanRenewed:'],
      [/dueOn: 2026-12-17 \}/g, 'dueOn: 2026-12-17, channel: desk }'],
      // add a command and the event it emits
      ['\nevents:\n', '  ReportLost:\n    aggregate: Loan\n    actor: Member\n    fields:\n      loanId: uuid\n    emits: [BookReportedLost]\n\nevents:\n'],
      ['\npolicies:\n', '  BookReportedLost:\n    aggregate: Loan\n    version: 1\n    fields:\n      loanId: uuid\n\npolicies:\n'],
      // remove the policy
      [/policies:\n  RemindWhenDue:[\s\S]*?issues: \[SendReminder\]\n\n/, ''],
      // rename an event
      [/LoanRenewed/g, 'LoanExtended'],
    ]);
    regen = await runCli(['generate'], repo);
  }, 120_000);

  it('regenerates without refusing anything', () => {
    expect(regen.code, regen.stdout).toBe(0);
    expect(regen.stdout).not.toContain('error[');
  });

  it('keeps hand-written code byte-identical: the extra file untouched, user files only grown', () => {
    expect(read(repo, RULES)).toBe(handWrittenRules);
    const logic = read(repo, LOGIC);
    expect(removedText(handWrittenLogic, logic)).toEqual([]);
    expect(removedText(handWrittenOverdue, read(repo, OVERDUE_LOGIC))).toEqual([]);
    // The removed policy's user-owned logic is kept.
    expect(fs.existsSync(path.join(repo, POLICY_LOGIC))).toBe(true);
  });

  it('adds typed stubs for the new command and the renamed event', () => {
    const logic = read(repo, LOGIC);
    expect(logic).toMatch(/export function decideReportLost\(command: ReportLost, state: LoanState, reject: ReportLostRejections, lifecycle: LoanLifecycle\)/);
    expect(logic).toMatch(/export function evolveLoanExtended\(state: LoanState, event: LoanExtended\)/);
    expect(logic).toMatch(/import type \{[^}]*\bReportLost\b[^}]*\} from '\.\/commands\.js';/);
    expect(read(repo, OVERDUE_LOGIC)).toMatch(/export function onLoanExtended\(/);
    expect(regen.stdout).toMatch(/grown {7}src\/lending\/loan\/logic\.ts \(\+ [^)]*decideReportLost/);
  });

  it('reports orphans with file:line and removes the generated files of the removed policy', () => {
    const logic = read(repo, LOGIC);
    expect(regen.stdout).toContain(`${LOGIC}:${lineOf(logic, 'export function evolveLoanRenewed')}:17: warning[W_ORPHAN]: "evolveLoanRenewed"`);
    const overdue = read(repo, OVERDUE_LOGIC);
    expect(regen.stdout).toContain(`${OVERDUE_LOGIC}:${lineOf(overdue, 'export function onLoanRenewed')}:17: warning[W_ORPHAN]: "onLoanRenewed"`);
    expect(regen.stdout).toContain(`${POLICY_LOGIC}:1:1: warning[W_ORPHAN_FILE]`);
    expect(regen.stdout).toContain('removed     src/lending/policies/remind-when-due.ts');
    expect(fs.existsSync(path.join(repo, 'service/src/lending/policies/remind-when-due.ts'))).toBe(false);
  });

  it('makes the compiler point at the hand-written code that no longer fits, and only there', () => {
    const { code, errors } = tsc(path.join(repo, 'service'));
    expect(code).not.toBe(0);
    const manifest = JSON.parse(read(repo, 'service/.stormsmith/manifest.json')) as { files: Record<string, { ownership: string }> };
    const userOwned = new Set(Object.entries(manifest.files).filter(([, e]) => e.ownership === 'scaffold').map(([p]) => p));
    for (const e of errors) expect(userOwned.has(e.file), `${e.file}:${e.line} ${e.message}`).toBe(true);
    const logic = read(repo, LOGIC);
    const at = (file: string, needle: string, text: string) => errors.some((e) => e.file === file && e.line === lineOf(text, needle));
    // The new required field: the hand-written decide no longer builds a complete event.
    expect(at('src/lending/loan/logic.ts', "return { type: 'BookBorrowed'", logic)).toBe(true);
    // The renamed event: the hand-written imports and the orphaned members still name the old type.
    expect(at('src/lending/loan/logic.ts', 'LoanRenewed', logic)).toBe(true);
    expect(at('src/lending/projections/overdue-loans.logic.ts', 'LoanRenewed', read(repo, OVERDUE_LOGIC))).toBe(true);
  });

  it('is clean under generate --check and stable on the next run', async () => {
    const check = await runCli(['generate', '--check'], repo);
    expect(check.code, check.stdout).toBe(0);
    const before = read(repo, LOGIC);
    const again = await runCli(['generate'], repo);
    expect(again.stdout).toMatch(/generate: wrote service \(\d+ unchanged\)\n$/);
    expect(read(repo, LOGIC)).toBe(before);
  });
});
