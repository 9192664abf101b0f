// Orthogonal arrows that go around stickies (issue 14, ADR 0043). Every arrow leaves its source
// by the right-hand handle and enters its target by the left-hand one; in between it follows
// horizontal and vertical segments that keep a margin from every sticky. Pure and deterministic.
//
// How: per arrow, an orthogonal visibility grid over the stickies near it (their edges pushed
// out by the margin, plus the two ports), then A* over the grid with a cost per bend, so routes
// are short and straight. elkjs routes orthogonally only what it also places (its layered
// algorithm moves the nodes); the board keeps the user's positions, so the routing is ours.

import { separateRoutes } from './edge-separation.js';
import type { Point, Rect } from './route-shapes.js';

export type { Point, Rect } from './route-shapes.js';

export interface EdgeEnds {
  id: string;
  source: string;
  target: string;
}

/** Room kept between an arrow and a sticky it passes. */
export const ROUTE_MARGIN = 14;
/** A bend costs as much as this many pixels of length (fewer, longer segments read better). */
const BEND_COST = 60;
/** Stickies further than this from both ends' box are not looked at (grown when no route is found). */
const WINDOW = 320;

export const sourcePort = (r: Rect): Point => ({ x: r.x + r.width, y: r.y + r.height / 2 });
export const targetPort = (r: Rect): Point => ({ x: r.x, y: r.y + r.height / 2 });

/**
 * The route of every arrow whose ends are both known, as a polyline from the source port to the
 * target port (first and last segments horizontal). Arrows with no route (boxed in) are absent.
 */
export function routeEdges(stickies: readonly Rect[], edges: readonly EdgeEnds[]): Map<string, Point[]> {
  const byId = new Map(stickies.map((s) => [s.id, s]));
  const out = new Map<string, Point[]>();
  for (const e of edges) {
    const a = byId.get(e.source);
    const b = byId.get(e.target);
    if (!a || !b || a === b) continue;
    const route = routeOne(a, b, stickies);
    if (route) out.set(e.id, route);
  }
  return out;
}

/** The route of one arrow from `a` to `b` among `all` stickies (undefined: boxed in). */
export function routeEdge(a: Rect, b: Rect, all: readonly Rect[]): Point[] | undefined {
  return a === b ? undefined : routeOne(a, b, all);
}

function routeOne(a: Rect, b: Rect, all: readonly Rect[]): Point[] | undefined {
  return routeReaching(a, b, all)?.route;
}

/** A route and how far from its ends' box the search looked at stickies (what it depends on). */
export interface Reached {
  route: Point[];
  reach: number;
}

/** routeEdge, also saying how far the search looked (see stillHolds). */
export function routeEdgeReaching(a: Rect, b: Rect, all: readonly Rect[]): Reached | undefined {
  return a === b ? undefined : routeReaching(a, b, all);
}

function routeReaching(a: Rect, b: Rect, all: readonly Rect[]): Reached | undefined {
  for (const window of [WINDOW, WINDOW * 3, Infinity]) {
    for (const margin of [ROUTE_MARGIN, ROUTE_MARGIN / 2, 3]) {
      const route = search(a, b, near(a, b, all, window), margin);
      if (route) return { route, reach: window };
    }
  }
  return undefined;
}

/**
 * The stickies that differ between two states of a board (moved, resized, added or removed), in
 * both their old and their new place.
 */
export function changedRects(before: ReadonlyMap<string, Rect>, after: readonly Rect[]): Rect[] {
  const out: Rect[] = [];
  const seen = new Set<string>();
  for (const r of after) {
    seen.add(r.id);
    const old = before.get(r.id);
    if (old && old.x === r.x && old.y === r.y && old.width === r.width && old.height === r.height) continue;
    out.push(r);
    if (old) out.push(old);
  }
  for (const [id, old] of before) if (!seen.has(id)) out.push(old);
  return out;
}

/**
 * A route found before is still the route routeEdge would find now: its ends did not change and
 * no changed sticky lies within the reach its search looked at (the search sees nothing else, so
 * it would find the same). Lets the board re-route only the arrows an edit can affect.
 */
export function stillHolds(found: Reached, a: Rect, b: Rect, changed: readonly Rect[]): boolean {
  if (found.reach === Infinity) return changed.length === 0;
  const x0 = Math.min(a.x, b.x) - found.reach;
  const y0 = Math.min(a.y, b.y) - found.reach;
  const x1 = Math.max(a.x + a.width, b.x + b.width) + found.reach;
  const y1 = Math.max(a.y + a.height, b.y + b.height) + found.reach;
  // Touching counts (near() leaves out what only touches: being stricter is safe).
  return !changed.some((r) => r.x <= x1 && r.x + r.width >= x0 && r.y <= y1 && r.y + r.height >= y0);
}

function near(a: Rect, b: Rect, all: readonly Rect[], window: number): Rect[] {
  if (window === Infinity) return [...all];
  const x0 = Math.min(a.x, b.x) - window;
  const y0 = Math.min(a.y, b.y) - window;
  const x1 = Math.max(a.x + a.width, b.x + b.width) + window;
  const y1 = Math.max(a.y + a.height, b.y + b.height) + window;
  return all.filter((r) => r.x < x1 && r.x + r.width > x0 && r.y < y1 && r.y + r.height > y0);
}

/** Sorted distinct numbers. */
const axis = (values: number[]): number[] => [...new Set(values.map((v) => Math.round(v * 2) / 2))].sort((p, q) => p - q);

function search(a: Rect, b: Rect, obstacles: readonly Rect[], margin: number): Point[] | undefined {
  const s = sourcePort(a);
  const t = targetPort(b);
  const start: Point = { x: s.x + margin, y: s.y };
  const goal: Point = { x: t.x - margin, y: t.y };
  const boxes = obstacles.map((r) => ({ id: r.id, x0: r.x - margin, y0: r.y - margin, x1: r.x + r.width + margin, y1: r.y + r.height + margin }));
  // Ends too close to another sticky for this margin: no grid needed to know (a smaller margin is tried next).
  const inside = (x: number, y: number) => boxes.some((o) => x > o.x0 && x < o.x1 && y > o.y0 && y < o.y1);
  if (inside(start.x, start.y) || inside(goal.x, goal.y)) return undefined;
  if (stubHits(boxes, a.id, s, start) || stubHits(boxes, b.id, goal, t)) return undefined;
  const xs: number[] = [start.x, goal.x, (start.x + goal.x) / 2];
  const ys: number[] = [start.y, goal.y, (start.y + goal.y) / 2];
  for (const o of boxes) xs.push(o.x0, o.x1), ys.push(o.y0, o.y1);
  // Channels between neighbouring stickies: their middles keep arrows off both.
  const X = withMiddles(axis(xs));
  const Y = withMiddles(axis(ys));
  const nx = X.length;
  const ny = Y.length;
  // A point is blocked when it lies strictly inside a (grown) sticky. Steps need no test of
  // their own: every sticky border is a grid line and the middle of every gap is one too, so a
  // step that enters a sticky ends strictly inside it.
  const blocked = new Uint8Array(nx * ny);
  for (const o of boxes) {
    const i0 = firstAbove(X, o.x0);
    const j0 = firstAbove(Y, o.y0);
    for (let i = i0; i < nx && X[i]! < o.x1; i++) for (let j = j0; j < ny && Y[j]! < o.y1; j++) blocked[i * ny + j] = 1;
  }
  const si = X.indexOf(round(start.x));
  const sj = Y.indexOf(round(start.y));
  const gi = X.indexOf(round(goal.x));
  const gj = Y.indexOf(round(goal.y));
  if (si < 0 || sj < 0 || gi < 0 || gj < 0 || blocked[si * ny + sj] || blocked[gi * ny + gj]) return undefined;

  // A* over (point, direction): direction 0 right, 1 left, 2 down, 3 up.
  const DX = [1, -1, 0, 0];
  const DY = [0, 0, 1, -1];
  const n = nx * ny * 4;
  const cost = new Float64Array(n).fill(Infinity);
  const from = new Int32Array(n).fill(-1);
  const heap = new MinHeap();
  const h = (i: number, j: number) => Math.abs(X[i]! - X[gi]!) + Math.abs(Y[j]! - Y[gj]!);
  const startState = (si * ny + sj) * 4 + 0;
  cost[startState] = 0;
  heap.push(h(si, sj), startState);
  let end = -1;
  while (heap.size > 0) {
    const [f, state] = heap.pop();
    const dir = state % 4;
    const cell = (state - dir) / 4;
    const i = Math.floor(cell / ny);
    const j = cell % ny;
    const c = cost[state]!;
    if (f > c + h(i, j) + 1e-9) continue;
    if (i === gi && j === gj) {
      // Entering the target from the left: one more bend unless already heading right.
      const total = c + (dir === 0 ? 0 : BEND_COST);
      if (end < 0 || total < cost[end]! + (end % 4 === 0 ? 0 : BEND_COST)) end = state;
      if (dir === 0) break;
      continue;
    }
    for (let d = 0; d < 4; d++) {
      if ((d ^ 1) === dir) continue; // no U-turn
      const ni = i + DX[d]!;
      const nj = j + DY[d]!;
      if (ni < 0 || nj < 0 || ni >= nx || nj >= ny || blocked[ni * ny + nj]) continue;
      const next = (ni * ny + nj) * 4 + d;
      const step = Math.abs(X[ni]! - X[i]!) + Math.abs(Y[nj]! - Y[j]!) + (d === dir ? 0 : BEND_COST);
      if (c + step < cost[next]!) {
        cost[next] = c + step;
        from[next] = state;
        heap.push(c + step + h(ni, nj), next);
      }
    }
  }
  if (end < 0) return undefined;
  const cells: Point[] = [];
  for (let st = end; st >= 0; st = from[st]!) {
    const cell = Math.floor(st / 4);
    cells.push({ x: X[Math.floor(cell / ny)]!, y: Y[cell % ny]! });
  }
  cells.reverse();
  return simplify([s, ...cells, t]);
}

const round = (v: number) => Math.round(v * 2) / 2;

/** Index of the first value strictly greater than v in a sorted array. */
function firstAbove(values: readonly number[], v: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function withMiddles(values: number[]): number[] {
  const out: number[] = [];
  for (let k = 0; k < values.length; k++) {
    out.push(values[k]!);
    if (k + 1 < values.length) out.push(round((values[k]! + values[k + 1]!) / 2));
  }
  return axis(out);
}

function stubHits(boxes: readonly { id: string; x0: number; y0: number; x1: number; y1: number }[], own: string, p: Point, q: Point): boolean {
  for (let k = 1; k < 8; k++) {
    const x = p.x + ((q.x - p.x) * k) / 8;
    const y = p.y + ((q.y - p.y) * k) / 8;
    if (boxes.some((o) => o.id !== own && x > o.x0 && x < o.x1 && y > o.y0 && y < o.y1)) return true;
  }
  return false;
}

/** Drops the points where the route goes straight on. */
export function simplify(points: readonly Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    if (out.length > 0 && out[out.length - 1]!.x === p.x && out[out.length - 1]!.y === p.y) continue;
    if (out.length >= 2) {
      const a = out[out.length - 2]!;
      const b = out[out.length - 1]!;
      if ((a.x === b.x && b.x === p.x) || (a.y === b.y && b.y === p.y)) out.pop();
    }
    out.push(p);
  }
  return out;
}

/** Binary min-heap of (priority, value). */
class MinHeap {
  private keys: number[] = [];
  private values: number[] = [];
  get size(): number {
    return this.keys.length;
  }
  push(key: number, value: number): void {
    const k = this.keys;
    const v = this.values;
    let i = k.push(key) - 1;
    v.push(value);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (k[p]! <= key) break;
      k[i] = k[p]!;
      v[i] = v[p]!;
      i = p;
    }
    k[i] = key;
    v[i] = value;
  }
  pop(): [number, number] {
    const k = this.keys;
    const v = this.values;
    const top: [number, number] = [k[0]!, v[0]!];
    const lastK = k.pop()!;
    const lastV = v.pop()!;
    if (k.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= k.length) break;
        const r = l + 1;
        const c = r < k.length && k[r]! < k[l]! ? r : l;
        if (k[c]! >= lastK) break;
        k[i] = k[c]!;
        v[i] = v[c]!;
        i = c;
      }
      k[i] = lastK;
      v[i] = lastV;
    }
    return top;
  }
}

type GraphLike = { nodes: readonly { id: string; type?: string; position: Point; width?: number; height?: number }[]; edges: readonly EdgeEnds[] };

/** The stickies of a board as obstacles. */
export function stickyRects(graph: GraphLike): Rect[] {
  return graph.nodes.filter((n) => n.type === 'sticky').map((n) => ({ id: n.id, x: n.position.x, y: n.position.y, width: n.width ?? 0, height: n.height ?? 0 }));
}

/**
 * Routes for a board: its stickies are the obstacles, its arrows the edges; arrows that share a
 * channel are then set side by side (edge-separation.ts, ADR 0047).
 */
export function routesOf(graph: GraphLike): Map<string, Point[]> {
  const stickies = stickyRects(graph);
  return separateRoutes(stickies, routeEdges(stickies, graph.edges));
}

/**
 * What the routes depend on (sticky rectangles, arrow ends): a new model with the same key (a
 * renamed sticky's problems, a dirty flag) keeps its routes.
 */
export function routingKey(graph: GraphLike): string {
  const parts: string[] = [];
  for (const r of stickyRects(graph)) parts.push(`${r.id}@${r.x},${r.y},${r.width},${r.height}`);
  for (const e of graph.edges) parts.push(`${e.id}`);
  return parts.join('|');
}
