import { describe, expect, it } from 'vitest';
import { autoLayout } from '../../app/renderer/model/auto-layout.js';
import { applyChange } from '../../app/renderer/model/changes.js';
import { toGraph, toLayoutPosition, type Graph } from '../../app/renderer/model/graph.js';
import { boardToSvg } from '../../app/renderer/model/export-svg.js';
import type { Model } from '../../generator/model/types.js';
import { lendingContext, lendingModel } from './fixture.js';

/** Lending plus a copy of it named Billing in billing.yaml, both with the same local layout. */
function twoContexts(): Model {
  const billing = { ...lendingContext(), name: 'Billing', file: 'billing.yaml' };
  for (const key of ['actors', 'externalSystems', 'aggregates', 'commands', 'events', 'policies', 'projections'] as const) {
    (billing[key] as { context: string }[]) = (billing[key] as { context: string }[]).map((e) => ({ ...e, context: 'Billing' }));
  }
  return {
    contexts: [lendingContext(), billing],
    layouts: { 'lending.yaml': { positions: { Loan: { x: 420, y: 120 } } }, 'billing.yaml': { positions: { Loan: { x: 420, y: 120 } } } },
  };
}

const frames = (g: Graph) => g.nodes.filter((n) => n.type === 'frame');
const stickiesOf = (g: Graph, ctx: string) => g.nodes.filter((n) => n.type === 'sticky' && n.data.ref.context === ctx);
const inside = (n: Graph['nodes'][number], f: Graph['nodes'][number]) =>
  n.position.x >= f.position.x && n.position.y >= f.position.y && n.position.x + n.width! <= f.position.x + f.width! && n.position.y + n.height! <= f.position.y + f.height!;

describe('contexts on one board', () => {
  it('places contexts side by side even when their layout files use the same local coordinates', () => {
    const g = toGraph(twoContexts());
    const [a, b] = frames(g);
    expect(a!.position.x + a!.width!).toBeLessThan(b!.position.x);
    for (const n of stickiesOf(g, 'Lending')) expect(inside(n, a!)).toBe(true);
    for (const n of stickiesOf(g, 'Billing')) expect(inside(n, b!)).toBe(true);
  });

  it('converts a board position back to the layout position it came from', () => {
    const g = toGraph(twoContexts());
    const loan = g.nodes.find((n) => n.id === 'Billing/aggregate/Loan')!;
    expect(toLayoutPosition(g, 'Billing', loan.position)).toEqual({ x: 420, y: 120 });
  });
});

describe('auto-layout (elkjs)', () => {
  it('keeps every context together, without overlapping stickies, as one undoable move', async () => {
    const model = twoContexts();
    const change = await autoLayout(model);
    expect(change.type).toBe('move');
    const laid = applyChange(model, change).model;
    const g = toGraph(laid);
    const [a, b] = frames(g);
    expect(a!.position.x + a!.width!).toBeLessThan(b!.position.x);
    for (const n of stickiesOf(g, 'Billing')) expect(inside(n, b!)).toBe(true);
    const all = g.nodes.filter((n) => n.type === 'sticky');
    for (const p of all)
      for (const q of all) {
        if (p.id >= q.id) continue;
        const overlap = p.position.x < q.position.x + q.width! && q.position.x < p.position.x + p.width! && p.position.y < q.position.y + q.height! && q.position.y < p.position.y + p.height!;
        expect(overlap, `${p.id} / ${q.id}`).toBe(false);
      }
    // Flow runs left to right: a command sits left of the event it emits.
    const pos = (id: string) => g.nodes.find((n) => n.id === id)!.position;
    expect(pos('Lending/command/BorrowBook').x).toBeLessThan(pos('Lending/event/BookBorrowed').x);
  });
});

describe('SVG export', () => {
  it('draws every sticky (also those off screen), every arrow, and escapes names', () => {
    const model = lendingModel();
    model.contexts[0]!.actors[0]!.name = 'Member <VIP> & co';
    const svg = boardToSvg(toGraph(model));
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<g class="sticky"/g)).toHaveLength(9);
    expect(svg.match(/marker-end="url\(#arrow-[0-9a-f]{6}\)"/g)?.length).toBe(toGraph(model).edges.length);
    // The name is wrapped into lines (tspans), each escaped.
    expect(svg).toContain('&lt;VIP&gt;');
    expect(svg).toContain('&amp;');
    expect(svg).not.toMatch(/<VIP>|& co/);
    expect(boardToSvg(toGraph(model))).toBe(svg);
  });
});
