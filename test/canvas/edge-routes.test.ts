// Arrows that do not cross stickies (issue 14, ADR 0043): every arrow of both examples, as shipped
// and after the timeline auto-layout, is an orthogonal route from the source's right-hand port to
// the target's left-hand port that never enters a sticky.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { autoLayout } from '../../app/renderer/model/auto-layout.js';
import { applyChange } from '../../app/renderer/model/changes.js';
import { routeEdges, routesOf, sourcePort, targetPort, type Point, type Rect } from '../../app/renderer/model/edge-routes.js';
import { toGraph, type Graph } from '../../app/renderer/model/graph.js';
import { loadModel } from '../../generator/model/index.js';
import type { Model } from '../../generator/model/types.js';

function example(name: string, withLayout: boolean): Model {
  const dir = path.join(__dirname, '../../models', name);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') && (withLayout || !f.endsWith('.layout.yaml')))
    .map((f) => ({ path: f, text: readFileSync(path.join(dir, f), 'utf8') }));
  return loadModel(files).model!;
}

const rects = (g: Graph): Rect[] => g.nodes.filter((n) => n.type === 'sticky').map((n) => ({ id: n.id, x: n.position.x, y: n.position.y, width: n.width!, height: n.height! }));

/** The axis-aligned segment p-q passes through the inside of r (touching its border is fine). */
function crosses(p: Point, q: Point, r: Rect): boolean {
  const x0 = Math.min(p.x, q.x);
  const x1 = Math.max(p.x, q.x);
  const y0 = Math.min(p.y, q.y);
  const y1 = Math.max(p.y, q.y);
  const overlap = (a0: number, a1: number, b0: number, b1: number) => (a0 === a1 ? a0 > b0 && a0 < b1 : Math.max(a0, b0) < Math.min(a1, b1));
  return overlap(x0, x1, r.x, r.x + r.width) && overlap(y0, y1, r.y, r.y + r.height);
}

function checkBoard(g: Graph): void {
  const stickies = rects(g);
  const byId = new Map(stickies.map((s) => [s.id, s]));
  const routes = routesOf(g);
  expect(g.edges.length).toBeGreaterThan(10);
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
