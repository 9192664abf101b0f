// Issue 14, lossless editing: editing one field of an element keeps the element's hand-written
// comments, its key order and keys the model does not know; only that field's lines change.
// Property test over every element of both examples with comments placed at random inside the
// elements (fast-check, fixed seed).
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadContextFile, serializeContext, type BoundedContext } from '../../../generator/model/index.js';
import { withoutPositions } from './strip.js';

const SECTIONS = ['actors', 'externalSystems', 'valueObjects', 'aggregates', 'commands', 'events', 'policies', 'projections'] as const;
type SectionKey = (typeof SECTIONS)[number];

const EXAMPLES = ['library', 'shop'].flatMap((example) => {
  const dir = path.join(__dirname, '../../../models', example);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') && !f.endsWith('.layout.yaml'))
    .map((f) => ({ file: f, text: readFileSync(path.join(dir, f), 'utf8') }));
});

/** Elements written as a block map (`Name:` alone on its line): those can be edited key by key. */
function blockElements(file: string, text: string): { section: SectionKey; name: string }[] {
  const ctx = loadContextFile({ path: file, text }).context!;
  const lines = text.split('\n');
  return SECTIONS.flatMap((section) =>
    (ctx[section] as { name: string; loc: { line: number } }[])
      .filter((e) => /:\s*(#.*)?$/.test(lines[e.loc.line - 1] ?? ''))
      .map((e) => ({ section, name: e.name })),
  );
}

const CASES = EXAMPLES.flatMap((ex) => blockElements(ex.file, ex.text).map((el) => ({ ...ex, ...el })));

/** Insert `# note N` comment lines above the chosen key lines nested inside elements (indent >= 4). */
function withComments(text: string, picks: number[]): string {
  const lines = text.split('\n');
  const keyLines = lines.map((l, i) => (/^ {4,}[A-Za-z?][\w?-]*:/.test(l) ? i : -1)).filter((i) => i >= 0);
  const chosen = new Set(picks.map((p) => keyLines[p % keyLines.length]!));
  return lines.flatMap((l, i) => (chosen.has(i) ? [`${l.match(/^ */)![0]}# note ${i}`, l] : [l])).join('\n');
}

function changedRegion(a: string[], b: string[]): { removed: string[]; added: string[] } {
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  return { removed: a.slice(p, a.length - s), added: b.slice(p, b.length - s) };
}

function edit(ctx: BoundedContext, section: SectionKey, name: string, set: Record<string, unknown>): BoundedContext {
  return { ...ctx, [section]: (ctx[section] as { name: string }[]).map((e) => (e.name === name ? { ...e, ...set } : e)) } as BoundedContext;
}

const RUNS = { seed: 1414, numRuns: 120 };

describe('lossless element edits (fast-check, fixed seed, both examples)', () => {
  it('a new description changes only the description line; every comment stays', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CASES), fc.array(fc.nat(), { maxLength: 8 }), (c, picks) => {
        const before = withComments(c.text, picks);
        const ctx = loadContextFile({ path: c.file, text: before }).context!;
        const changed = edit(ctx, c.section, c.name, { description: 'Edited in the workshop' });
        const after = serializeContext(changed, before);
        const { removed, added } = changedRegion(before.split('\n'), after.split('\n'));
        expect(added).toHaveLength(1);
        expect(added[0]).toMatch(/^ {4}description: Edited in the workshop$/);
        // Only the old description's own lines went (a folded description spans several).
        if (removed.length > 0) {
          expect(removed[0]).toMatch(/^ {4}description:/);
          for (const line of removed.slice(1)) expect(line).toMatch(/^ {6,}\S/);
        }
        expect(withoutPositions(loadContextFile({ path: c.file, text: after }).context)).toEqual(withoutPositions(changed));
      }),
      RUNS,
    );
  });

  it('keys the model does not know survive an edit of their element, in place', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CASES), (c) => {
        const lines = c.text.split('\n');
        const ctx0 = loadContextFile({ path: c.file, text: c.text }).context!;
        const el = (ctx0[c.section] as { name: string; loc: { line: number } }[]).find((e) => e.name === c.name)!;
        // An unknown key as the element's first key, with a comment of its own.
        lines.splice(el.loc.line, 0, '    # kept by hand', '    x-owner: team-lending');
        const before = lines.join('\n');
        const ctx = loadContextFile({ path: c.file, text: before }).context!;
        const after = serializeContext(edit(ctx, c.section, c.name, { description: 'Edited again' }), before);
        expect(after).toContain('    # kept by hand\n    x-owner: team-lending\n');
        const { added } = changedRegion(before.split('\n'), after.split('\n'));
        expect(added).toEqual(['    description: Edited again']);
      }),
      { seed: 1415, numRuns: 60 },
    );
  });

  it('the library Loan keeps its rationale comment when its description changes', () => {
    const library = EXAMPLES.find((e) => e.file === 'lending.yaml')!;
    const ctx = loadContextFile({ path: library.file, text: library.text }).context!;
    const after = serializeContext(edit(ctx, 'aggregates', 'Loan', { description: 'A loan of one copy.' }), library.text);
    expect(after).toContain('    # A lost book\'s loan stays open for months');
    expect(changedRegion(library.text.split('\n'), after.split('\n'))).toEqual({
      removed: ['    description: One member\'s loan of one book copy.'],
      added: ['    description: A loan of one copy.'],
    });
  });
});
