// The session over the real model core and the canonical library example: opening is clean,
// an edit changes only the edited element's lines, validation badges land on the right sticky.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MemoryBackupStore } from '../../app/renderer/workspace/backup.js';
import { modelCore } from '../../app/renderer/workspace/core.js';
import { MemoryWorkspace } from '../../app/renderer/workspace/memory-workspace.js';
import { Session } from '../../app/renderer/workspace/session.js';

const lending = readFileSync(new URL('../../models/library/lending.yaml', import.meta.url), 'utf8');
const layout = readFileSync(new URL('../../models/library/lending.layout.yaml', import.meta.url), 'utf8');

async function open() {
  const ws = new MemoryWorkspace({ 'lending.yaml': lending, 'lending.layout.yaml': layout });
  const session = new Session(ws, modelCore, new MemoryBackupStore());
  await session.open();
  return { ws, session };
}

/** Lines of `after` that differ from `before` (same line count assumed where equal). */
function changedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  let start = 0;
  while (start < a.length && a[start] === b[start]) start++;
  let endA = a.length - 1;
  let endB = b.length - 1;
  while (endA >= start && endB >= start && a[endA] === b[endB]) {
    endA--;
    endB--;
  }
  return b.slice(start, endB + 1);
}

describe('session over the real model core', () => {
  it('opens the library example clean, with the saved positions', async () => {
    const { session } = await open();
    const s = session.getState();
    expect(s.status).toBe('ready');
    expect([...s.dirty]).toEqual([]);
    expect(s.model.layouts['lending.yaml']?.positions.Loan).toEqual({ x: 420, y: 120 });
  });

  it('an edit to one command rewrites only that command', async () => {
    const { ws, session } = await open();
    const ref = { context: 'Lending', kind: 'command', name: 'ReturnBook' } as const;
    const cmd = session.getState().model.contexts[0]!.commands.find((c) => c.name === 'ReturnBook')!;
    session.apply({ type: 'update', ref, set: { fields: [...cmd.fields, { ...cmd.fields[0]!, name: 'note', typeText: 'string', type: { kind: 'primitive', name: 'string' }, optional: true }] } });
    expect(await session.save()).toBe(true);
    const after = ws.text('lending.yaml')!;
    const changed = changedLines(lending, after);
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.join('\n')).toMatch(/note/);
    // Everything outside ReturnBook's block is byte-identical.
    const start = lending.indexOf('  ReturnBook:');
    const end = lending.indexOf('  SendReminder:');
    expect(after.slice(0, start)).toBe(lending.slice(0, start));
    expect(after.slice(after.indexOf('  SendReminder:'))).toBe(lending.slice(end));
  });

  it('puts a new command\'s validation problem on its sticky and clears it once connected', async () => {
    const { session } = await open();
    session.apply({ type: 'add', context: 'Lending', kind: 'command', name: 'RenewAll', at: { x: 0, y: 600 } });
    const id = 'Lending/command/RenewAll';
    const codesOn = () => session.getState().diagnostics.filter((_, i) => session.getState().diagnosticTargets[i] === id).map((d) => d.code);
    // A new command is a big-picture draft: one warning until an aggregate handles it.
    expect(codesOn()).toEqual(['W_DRAFT']);
    expect(session.getState().problems.get(id)).toMatchObject({ errors: 0, warnings: 1 });
    const ref = { context: 'Lending', kind: 'command', name: 'RenewAll' } as const;
    session.apply({ type: 'connect', source: ref, target: { context: 'Lending', kind: 'aggregate', name: 'Loan' } });
    session.apply({ type: 'connect', source: ref, target: { context: 'Lending', kind: 'event', name: 'LoanRenewed' } });
    expect(codesOn()).toEqual(['E_MISSING_IDENTITY']);
    session.apply({ type: 'update', ref, set: { fields: [{ name: 'loanId', optional: false, type: { kind: 'primitive', name: 'uuid' }, typeText: 'uuid', loc: { file: 'lending.yaml', line: 0, col: 0, endLine: 0, endCol: 0 } }] } });
    expect(codesOn()).toEqual([]);
    expect(session.getState().problems.get(id)).toBeUndefined();
  });
});
