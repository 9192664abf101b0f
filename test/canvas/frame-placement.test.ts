// Frames move and resize (issue 14, ADR 0042): one `"@frame"` entry per layout sidecar; a board
// without one draws exactly as before; the first placement pins every frame where it is drawn.
import { describe, expect, it } from 'vitest';
import { applyChange } from '../../app/renderer/model/changes.js';
import { toGraph, type Graph } from '../../app/renderer/model/graph.js';
import { FRAME_KEY, parseLayout } from '../../generator/model/index.js';
import { serializeLayout } from '../../generator/model/layout.js';
import type { Model } from '../../generator/model/types.js';
import { lendingContext } from './fixture.js';

function twoContexts(): Model {
  const billing = { ...lendingContext(), name: 'Billing', file: 'billing.yaml' };
  for (const key of ['actors', 'externalSystems', 'aggregates', 'commands', 'events', 'policies', 'projections'] as const) {
    (billing[key] as { context: string }[]) = (billing[key] as { context: string }[]).map((e) => ({ ...e, context: 'Billing' }));
  }
  return {
    contexts: [lendingContext(), billing],
    layouts: { 'lending.yaml': { positions: { Loan: { x: 420, y: 120 } } }, 'billing.yaml': { positions: { Member: { x: 40, y: 120, w: 200, h: 100 } } } },
  };
}

const frame = (g: Graph, ctx: string) => g.nodes.find((n) => n.type === 'frame' && n.data.context === ctx)!;
const rect = (n: Graph['nodes'][number]) => ({ x: n.position.x, y: n.position.y, width: n.width!, height: n.height! });
const stickies = (g: Graph) => new Map(g.nodes.filter((n) => n.type === 'sticky').map((n) => [n.id, n.position]));

describe('frames move and resize', () => {
  it('moves one frame with its stickies; nothing else on the board moves', () => {
    const model = twoContexts();
    const before = toGraph(model);
    const lending = rect(frame(before, 'Lending'));
    const { model: after, inverse } = applyChange(model, { type: 'placeFrame', context: 'Lending', ...lending, x: lending.x + 100, y: lending.y + 250 });
    const g = toGraph(after);
    expect(rect(frame(g, 'Lending'))).toEqual({ ...lending, x: lending.x + 100, y: lending.y + 250 });
    expect(rect(frame(g, 'Billing'))).toEqual(rect(frame(before, 'Billing')));
    const was = stickies(before);
    for (const [id, p] of stickies(g)) {
      const shift = id.startsWith('Lending/') ? { x: 100, y: 250 } : { x: 0, y: 0 };
      expect(p, id).toEqual({ x: was.get(id)!.x + shift.x, y: was.get(id)!.y + shift.y });
    }
    // Every sidecar now places its frame; sizes kept (w/h only where a sticky had them).
    expect(after.layouts['lending.yaml']!.positions[FRAME_KEY]).toEqual({ x: lending.x + 100, y: lending.y + 250 });
    expect(after.layouts['billing.yaml']!.positions[FRAME_KEY]).toBeDefined();
    expect(after.layouts['billing.yaml']!.positions.Member).toMatchObject({ w: 200, h: 100 });
    // One undo step restores the board and the sidecars.
    expect(applyChange(after, inverse).model.layouts).toEqual(model.layouts);
  });

  it('a second move rewrites only the frame entry', () => {
    const model = twoContexts();
    const first = applyChange(model, { type: 'placeFrame', context: 'Billing', ...rect(frame(toGraph(model), 'Billing')), y: 300 }).model;
    const r = rect(frame(toGraph(first), 'Billing'));
    const second = applyChange(first, { type: 'placeFrame', context: 'Billing', ...r, x: r.x + 40 }).model;
    const a = first.layouts['billing.yaml']!.positions;
    const b = second.layouts['billing.yaml']!.positions;
    expect(Object.keys(b).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]))).toEqual([FRAME_KEY]);
    expect(second.layouts['lending.yaml']).toEqual(first.layouts['lending.yaml']);
  });

  it('resizes a frame (stored size), never below its stickies', () => {
    const model = twoContexts();
    const r = rect(frame(toGraph(model), 'Lending'));
    const bigger = applyChange(model, { type: 'placeFrame', context: 'Lending', ...r, width: r.width + 300, height: r.height + 120 }).model;
    const f = frame(toGraph(bigger), 'Lending');
    expect(rect(f)).toEqual({ ...r, width: r.width + 300, height: r.height + 120 });
    expect(bigger.layouts['lending.yaml']!.positions[FRAME_KEY]).toMatchObject({ w: r.width + 300, h: r.height + 120 });
    // The resizer's lower bound keeps every sticky inside.
    expect(f.type === 'frame' && f.data.minWidth).toBe(r.width);
    const smaller = applyChange(bigger, { type: 'placeFrame', context: 'Lending', ...r, width: 50, height: 50 }).model;
    expect(rect(frame(toGraph(smaller), 'Lending'))).toEqual(r);
  });

  it('a context added after placement lands to the right of every placed frame', () => {
    const model = twoContexts();
    const r = rect(frame(toGraph(model), 'Billing'));
    const placed = applyChange(model, { type: 'placeFrame', context: 'Billing', ...r, x: 5000 }).model;
    const added = applyChange(placed, { type: 'addContext', name: 'Sales', file: 'sales.yaml' }).model;
    const g = toGraph(added);
    expect(frame(g, 'Sales').position.x).toBeGreaterThan(5000 + r.width);
  });

  it('the frame entry round-trips through the sidecar; a sidecar without one loads as before', () => {
    const text = '# Canvas positions.\nLoan: { x: 420, y: 120 }\n';
    const plain = parseLayout(text, 'lending.layout.yaml');
    expect(plain.diagnostics).toEqual([]);
    expect(plain.layout).toEqual({ positions: { Loan: { x: 420, y: 120 } } });
    const withFrame = { positions: { ...plain.layout.positions, [FRAME_KEY]: { x: 10, y: -20, w: 900, h: 400 } } };
    const written = serializeLayout(withFrame, text);
    expect(written).toBe(`${text}"@frame": { x: 10, y: -20, w: 900, h: 400 }\n`);
    expect(parseLayout(written, 'lending.layout.yaml').layout).toEqual(withFrame);
  });
});
