// Arrows that do not cross stickies (issue 14, ADR 0043): every arrow of both examples, as shipped
// and after the timeline auto-layout, is an orthogonal route from the source's right-hand port to
// the target's left-hand port that never enters a sticky; and no two arrows are drawn on top of
// each other (ADR 0047): arrows that share a channel run side by side.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { autoLayout } from '../../app/renderer/model/auto-layout.js';
import { applyChange } from '../../app/renderer/model/changes.js';
import { changedRects, routeEdge, routeEdgeReaching, routeEdges, routesOf, sourcePort, stillHolds, targetPort, type Point, type Rect } from '../../app/renderer/model/edge-routes.js';
import { CHANNEL_GAP, separateRoutes } from '../../app/renderer/model/edge-separation.js';
import { toGraph, type Graph } from '../../app/renderer/model/graph.js';
import { loadModel } from '../../generator/model/index.js';
import { crosses, sharedSegments } from '../support/route-geometry.js';
import type { Model } from '../../generator/model/types.js';

function example(name: string, withLayout: boolean): Model {
  const dir = path.join(__dirname, '../../models', name);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') && (withLayout || !f.endsWith('.layout.yaml')))
    .map((f) => ({ path: f, text: readFileSync(path.join(dir, f), 'utf8') }));
  return loadModel(files).model!;
}

const rects = (g: Graph): Rect[] => g.nodes.filter((n) => n.type === 'sticky').map((n) => ({ id: n.id, x: n.position.x, y: n.position.y, width: n.width!, height: n.height! }));

function checkBoard(g: Graph): void {
  const stickies = rects(g);
  const byId = new Map(stickies.map((s) => [s.id, s]));
  const routes = routesOf(g);
  expect(g.edges.length).toBeGreaterThan(10);
  expect(sharedSegments(g.edges, routes), 'arrows drawn on top of each other').toEqual([]);
  for (const e of g.edges) {
    const route = routes.get(e.id);
    expect(route, `${e.id} has a route`).toBeDefined();
    expect(route![0]).toEqual(sourcePort(byId.get(e.source)!));
    expect(route![route!.length - 1]).toEqual(targetPort(byId.get(e.target)!));
    // Leaves to the right and enters from the left: the arrowhead points into the target.
    expect(route![1]!.y).toBe(route![0]!.y);
    expect(route![route!.length - 2]!.y).toBe(route![route!.length - 1]!.y);
    expect(route![route!.length - 2]!.x).toBeLessThan(route![route!.length - 1]!.x);
    for (let k = 0; k + 1 < route!.length; k++) {
      const [p, q] = [route![k]!, route![k + 1]!];
      expect(p.x === q.x || p.y === q.y, `${e.id} segment ${k} is orthogonal`).toBe(true);
      for (const r of stickies) expect(crosses(p, q, r), `${e.id} segment ${k} crosses ${r.id}`).toBe(false);
    }
  }
}

describe.each(['library', 'shop'])('routed arrows of %s', (name) => {
  it('avoid every sticky on the board as shipped', () => {
    checkBoard(toGraph(example(name, true)));
  });

  it('avoid every sticky after the timeline auto-layout', async () => {
    const model = example(name, false);
    checkBoard(toGraph(applyChange(model, await autoLayout(model)).model));
  });
});

describe('the router', () => {
  it('goes around a sticky that sits between the two ends', () => {
    const a = { id: 'a', x: 0, y: 0, width: 100, height: 60 };
    const wall = { id: 'w', x: 200, y: -100, width: 100, height: 260 };
    const b = { id: 'b', x: 400, y: 0, width: 100, height: 60 };
    const route = routeEdges([a, wall, b], [{ id: 'e', source: 'a', target: 'b' }]).get('e')!;
    expect(route.length).toBeGreaterThan(2);
    for (let k = 0; k + 1 < route.length; k++) expect(crosses(route[k]!, route[k + 1]!, wall)).toBe(false);
  });

  it('is a straight line when nothing is in the way', () => {
    const a = { id: 'a', x: 0, y: 0, width: 100, height: 60 };
    const b = { id: 'b', x: 400, y: 0, width: 100, height: 60 };
    expect(routeEdges([a, b], [{ id: 'e', source: 'a', target: 'b' }]).get('e')).toEqual([
      { x: 100, y: 30 },
      { x: 400, y: 30 },
    ]);
  });

  it('routes a backward arrow around both ends', () => {
    const a = { id: 'a', x: 400, y: 0, width: 100, height: 60 };
    const b = { id: 'b', x: 0, y: 0, width: 100, height: 60 };
    const route = routeEdges([a, b], [{ id: 'e', source: 'a', target: 'b' }]).get('e')!;
    for (let k = 0; k + 1 < route.length; k++) for (const r of [a, b]) expect(crosses(route[k]!, route[k + 1]!, r)).toBe(false);
  });
});

describe('arrows sharing a channel', () => {
  const stack = (prefix: string, x: number, count: number): Rect[] => Array.from({ length: count }, (_, k) => ({ id: `${prefix}${k}`, x, y: k * 140, width: 160, height: 96 }));

  it('run side by side, a few pixels apart, each still around every sticky and on its handles', () => {
    // Five commands on the left, five events on the right, a wall between them with one gap.
    const left = stack('c', 0, 5);
    const right = stack('e', 900, 5);
    const wall = [
      { id: 'w1', x: 420, y: -200, width: 160, height: 420 },
      { id: 'w2', x: 420, y: 300, width: 160, height: 500 },
    ];
    const all = [...left, ...right, ...wall];
    const edges = left.map((c, k) => ({ id: `a${k}`, source: c.id, target: `e${4 - k}` }));
    const raw = routeEdges(all, edges);
    // The router alone puts them on one line through the gap: what this pass is for.
    expect(sharedSegments(edges, raw).length).toBeGreaterThan(0);
    const routes = separateRoutes(all, raw);
    expect(sharedSegments(edges, routes)).toEqual([]);
    const byId = new Map(all.map((r) => [r.id, r]));
    const gapLines = new Set<number>();
    for (const e of edges) {
      const route = routes.get(e.id)!;
      expect(route[0]).toEqual(sourcePort(byId.get(e.source)!));
      expect(route[route.length - 1]).toEqual(targetPort(byId.get(e.target)!));
      for (let k = 0; k + 1 < route.length; k++) {
        const [p, q] = [route[k]!, route[k + 1]!];
        expect(p.x === q.x || p.y === q.y, `${e.id} segment ${k} is orthogonal`).toBe(true);
        for (const r of all) expect(crosses(p, q, r), `${e.id} segment ${k} crosses ${r.id}`).toBe(false);
        // Through the gap (y 220..300): its horizontal line there.
        if (p.y === q.y && p.y > 220 && p.y < 300 && Math.min(p.x, q.x) < 420 && Math.max(p.x, q.x) > 580) gapLines.add(p.y);
      }
    }
    // One line each through the gap, CHANNEL_GAP or half of it apart.
    const lines = [...gapLines].sort((p, q) => p - q);
    expect(lines).toHaveLength(5);
    for (let k = 1; k < lines.length; k++) expect(lines[k]! - lines[k - 1]!).toBeGreaterThanOrEqual(CHANNEL_GAP / 2);
  });

  it('two arrows crossing in one gap with their handles at the same heights get a jog, not a shared line', () => {
    const a = { id: 'a', x: 230, y: 336, width: 160, height: 96 };
    const b = { id: 'b', x: 230, y: 196, width: 160, height: 96 };
    const p = { id: 'p', x: 630, y: 196, width: 160, height: 96 };
    const q = { id: 'q', x: 630, y: 336, width: 160, height: 96 };
    const edges = [
      { id: 'up', source: 'a', target: 'p' },
      { id: 'down', source: 'b', target: 'q' },
    ];
    const raw = routeEdges([a, b, p, q], edges);
    expect(sharedSegments(edges, raw)).toHaveLength(1);
    const routes = separateRoutes([a, b, p, q], raw);
    expect(sharedSegments(edges, routes)).toEqual([]);
    for (const e of edges) {
      const route = routes.get(e.id)!;
      for (let k = 0; k + 1 < route.length; k++) expect(route[k]!.x === route[k + 1]!.x || route[k]!.y === route[k + 1]!.y).toBe(true);
    }
  });

  it('is deterministic and leaves its input alone', () => {
    const g = toGraph(example('shop', true));
    const raw = routeEdges(rects(g), g.edges);
    const copy = JSON.stringify([...raw]);
    expect(JSON.stringify([...separateRoutes(rects(g), raw)])).toBe(JSON.stringify([...separateRoutes(rects(g), raw)]));
    expect(JSON.stringify([...raw])).toBe(copy);
  });
});

describe('re-routing after an edit', () => {
  // The library is one context: a moved sticky is near most of its arrows. The shop has three.
  it.each([
    ['library', 0.15],
    ['shop', 0.5],
  ] as const)('keeps a route of %s only where routing again finds the same one', (name, share) => {
    const g = toGraph(example(name, true));
    const before = rects(g);
    const byIdBefore = new Map(before.map((r) => [r.id, r]));
    const found = new Map(g.edges.map((e) => [e.id, routeEdgeReaching(byIdBefore.get(e.source)!, byIdBefore.get(e.target)!, before)]));
    let kept = 0;
    let checked = 0;
    // Each sticky in turn moved by a step of a drag (and one removed): every kept route is what routing again gives.
    for (const [k, moved] of before.entries()) {
      const after = before.flatMap((r) => (r === moved ? (k % 5 === 0 ? [] : [{ ...r, x: r.x + 37, y: r.y + 23 }]) : [r]));
      const byId = new Map(after.map((r) => [r.id, r]));
      const changed = changedRects(byIdBefore, after);
      expect(changed.length).toBe(k % 5 === 0 ? 1 : 2);
      for (const e of g.edges) {
        const [a, b] = [byId.get(e.source), byId.get(e.target)];
        const f = found.get(e.id);
        if (!a || !b || !f) continue;
        checked++;
        if (!stillHolds(f, a, b, changed)) continue;
        kept++;
        expect(f.route, `${e.id} after moving ${moved.id}`).toEqual(routeEdge(a, b, after));
      }
    }
    // Many arrows are far from any one sticky: the edit re-routes few of them.
    expect(kept).toBeGreaterThan(checked * share);
  });
});
