// Issue 2 / hardening.md C6.62: changing, removing or adding one element of a serialized file
// touches only that element's lines; every other line stays byte-identical.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadContextFile, serializeContext, type BoundedContext } from '../../../generator/model/index.js';
import { boundedContext, ELEMENT_MAKERS, FILE, hotspot, spec, typeName } from '../../support/model-arbitraries.js';
import { withoutPositions } from './strip.js';

// CPU-bound property runs (fixed seed): 16-32 s measured under load ~20, over vitest's 30 s default.
const PROPERTY_TIMEOUT = 120_000;

type SectionKey = keyof typeof ELEMENT_MAKERS | 'specs' | 'hotspots';
const SECTION_KEYS: SectionKey[] = [...(Object.keys(ELEMENT_MAKERS) as (keyof typeof ELEMENT_MAKERS)[]), 'specs', 'hotspots'];

const items = (ctx: BoundedContext, key: SectionKey) => ctx[key] as { name: string; loc: { line: number; col: number } }[];

/** A replacement for `old` in `section`: same name, arbitrary new body. */
function replacement(ctx: BoundedContext, section: SectionKey, old: { name: string }): fc.Arbitrary<unknown> {
  if (section === 'specs') return spec(ctx.name).map((s) => ({ ...s, name: old.name }));
  if (section === 'hotspots') return hotspot(ctx.name).map((h) => ({ ...h, name: old.name }));
  return ELEMENT_MAKERS[section](old.name, ctx.name) as fc.Arbitrary<unknown>;
}

const scenario = boundedContext.chain((ctx) => {
  const sections = SECTION_KEYS.filter((k) => items(ctx, k).length > 0);
  if (sections.length === 0) return fc.constant(undefined);
  return fc.constantFrom(...sections).chain((section) =>
    fc.nat({ max: items(ctx, section).length - 1 }).chain((index) => fc.record({ ctx: fc.constant(ctx), section: fc.constant(section), index: fc.constant(index), element: replacement(ctx, section, items(ctx, section)[index]!) })),
  );
});

/** The lines that differ between a and b: [first, end) in a, after removing the common prefix and suffix. */
function changedRegion(a: string[], b: string[]): [number, number] {
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  return [p, a.length - s];
}

/**
 * A hand-edited look: a comment above every section and every element. A serializer that
 * rewrote more than the changed element would lose some of them.
 */
function decorate(text: string): string {
  let n = 0;
  // Element keys by their loaded positions: a line of a multi-line scalar that happens to start
  // with two spaces is not an element, and a comment inserted there would change the value (a
  // context description "\r..." in double quotes showed it once the arbitraries drew it).
  const loaded = loadContextFile({ path: FILE, text }).context!;
  const elementLines = new Set(SECTION_KEYS.flatMap((k) => items(loaded, k).map((e) => e.loc.line - 1)));
  return text
    .split('\n')
    .flatMap((line, i) => {
      if (/^[A-Za-z]+:$/.test(line)) return [`# section note ${++n}`, line];
      if (elementLines.has(i) && /^  [^ #]/.test(line)) return [`  # element note ${++n}`, line];
      return [line];
    })
    .join('\n');
}

/** 0-based lines [start, end] of the element whose key (or list dash) is at `loc`, with the comments right above it. */
function elementLines(lines: string[], loc: { line: number; col: number }, listItem: boolean): [number, number] {
  const keyLine = loc.line - 1;
  let start = keyLine;
  while (start > 0 && /^\s*#/.test(lines[start - 1]!)) start--;
  const indent = listItem ? loc.col - 3 : loc.col - 1;
  let next = keyLine + 1;
  while (next < lines.length && (lines[next]!.trim() === '' || lines[next]!.search(/\S/) > indent)) next++;
  return [start, next - 1];
}

const RUNS = { seed: 4242, numRuns: 80 };

describe('one-element change (fast-check, fixed seed)', () => {
  it('a changed element rewrites only lines inside its own range', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        if (!s) return;
        const before = decorate(serializeContext(s.ctx));
        const loaded = loadContextFile({ path: FILE, text: before }).context!;
        const [start, end] = elementLines(before.split('\n'), items(loaded, s.section)[s.index]!.loc, s.section === 'specs' || s.section === 'hotspots');

        const changed = { ...loaded, [s.section]: items(loaded, s.section).map((e, i) => (i === s.index ? s.element : e)) } as BoundedContext;
        const after = serializeContext(changed, before);
        const [from, to] = changedRegion(before.split('\n'), after.split('\n'));
        if (from < to) {
          expect(from).toBeGreaterThanOrEqual(start);
          expect(to - 1).toBeLessThanOrEqual(end);
        }
        expect(withoutPositions(loadContextFile({ path: FILE, text: after }).context)).toEqual(withoutPositions(changed));
      }),
      RUNS,
    );
  }, PROPERTY_TIMEOUT);

  it('removing an element removes only its lines', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        if (!s || items(s.ctx, s.section).length < 2) return;
        const before = decorate(serializeContext(s.ctx));
        const loaded = loadContextFile({ path: FILE, text: before }).context!;
        const [start, end] = elementLines(before.split('\n'), items(loaded, s.section)[s.index]!.loc, s.section === 'specs' || s.section === 'hotspots');
        const removed = { ...loaded, [s.section]: items(loaded, s.section).filter((_, i) => i !== s.index) } as BoundedContext;
        const after = serializeContext(removed, before);
        const [from, to] = changedRegion(before.split('\n'), after.split('\n'));
        expect(from).toBeGreaterThanOrEqual(start);
        expect(to - 1).toBeLessThanOrEqual(end);
        expect(withoutPositions(loadContextFile({ path: FILE, text: after }).context)).toEqual(withoutPositions(removed));
      }),
      RUNS,
    );
  }, PROPERTY_TIMEOUT);

  it('adding an element only inserts lines', () => {
    fc.assert(
      fc.property(scenario, typeName, (s, name) => {
        if (!s || !(s.section in ELEMENT_MAKERS)) return;
        const list = items(s.ctx, s.section);
        if (list.some((e) => e.name === name)) return;
        const before = decorate(serializeContext(s.ctx));
        const loaded = loadContextFile({ path: FILE, text: before }).context!;
        const added = [...items(loaded, s.section)];
        added.splice(s.index, 0, { ...(s.element as { name: string; loc: { line: number; col: number } }), name });
        const grown = { ...loaded, [s.section]: added } as BoundedContext;
        const after = serializeContext(grown, before);
        const [from, to] = changedRegion(before.split('\n'), after.split('\n'));
        expect(to).toBe(from); // nothing of the old text changed or went missing
        expect(withoutPositions(loadContextFile({ path: FILE, text: after }).context)).toEqual(withoutPositions(grown));
      }),
      RUNS,
    );
  }, PROPERTY_TIMEOUT);
});
