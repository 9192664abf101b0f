// Arrows that share a channel drawn side by side, not on top of each other (issue 14, ADR 0047).
// The router (edge-routes.ts) routes every arrow on its own, through the middles of the gaps
// between stickies, so arrows that pass the same gap get the same line: drawn on top of each
// other, one of them cannot be clicked and neither can be followed. This pass moves each shared
// inner segment sideways by a few pixels (its two neighbouring segments stretch or shrink with it,
// so the route stays orthogonal and its ends stay on their handles). Pure and deterministic.
//
// What may not move: the first and last segment of a route (they sit on the handles' height).
// Arrows leaving the same handle therefore share the stretch next to it, up to their first bend,
// and so do arrows entering the same handle: a fan, which reads as one port.

import type { Point, Rect } from './route-shapes.js';

/** Distance between two arrows side by side in one channel. */
export const CHANNEL_GAP = 6;
/**
 * Where a shared segment may go, in the order tried: a gap each side of the first, then two,
 * then half gaps for tight channels (the router keeps 14 px from stickies, down to 3 px).
 */
const OFFSETS = [1, -1, 2, -2, 0.5, -0.5, 1.5, -1.5, 3, -3].map((k) => k * CHANNEL_GAP);

type Orient = 'h' | 'v';


interface Segment {
  route: Point[];
  id: string;
  /** Its two points, objects of `route` (moved in place, so a jog elsewhere renumbers nothing). */
  a: Point;
  b: Point;
  orient: Orient;
  movable: boolean;
}

/** Index of a segment's first point in its route. */
const indexOf = (s: Segment): number => s.route.indexOf(s.a);

const EPS = 1e-6;
const orientOf = (a: Point, b: Point): Orient | undefined => (a.y === b.y && a.x !== b.x ? 'h' : a.x === b.x && a.y !== b.y ? 'v' : undefined);
/** The fixed coordinate of a segment (y of a horizontal one, x of a vertical one) and its extent. */
const coordOf = (s: Segment): number => (s.orient === 'h' ? s.a.y : s.a.x);
function extentOf(s: Segment): [number, number] {
  const { a, b } = s;
  return s.orient === 'h' ? [Math.min(a.x, b.x), Math.max(a.x, b.x)] : [Math.min(a.y, b.y), Math.max(a.y, b.y)];
}
const overlaps = (p: [number, number], q: [number, number]) => Math.max(p[0], q[0]) < Math.min(p[1], q[1]) - EPS;

/** Stickies bucketed on a coarse grid, for "does this segment enter a sticky" near it only. */
class StickyGrid {
  private readonly cells = new Map<string, Rect[]>();
  private static readonly CELL = 256;
  constructor(stickies: readonly Rect[]) {
    for (const r of stickies) for (const key of this.keys(r.x, r.y, r.x + r.width, r.y + r.height)) (this.cells.get(key) ?? this.cells.set(key, []).get(key)!).push(r);
  }
  private *keys(x0: number, y0: number, x1: number, y1: number): Generator<string> {
    const c = StickyGrid.CELL;
    for (let i = Math.floor(x0 / c); i <= Math.floor(x1 / c); i++) for (let j = Math.floor(y0 / c); j <= Math.floor(y1 / c); j++) yield `${i},${j}`;
  }
  /** The axis-aligned segment a-b passes through the inside of a sticky (its border is fine). */
  enters(a: Point, b: Point): boolean {
    const x0 = Math.min(a.x, b.x);
    const x1 = Math.max(a.x, b.x);
    const y0 = Math.min(a.y, b.y);
    const y1 = Math.max(a.y, b.y);
    const inside = (lo: number, hi: number, r0: number, r1: number) => (lo === hi ? lo > r0 && lo < r1 : Math.max(lo, r0) < Math.min(hi, r1));
    for (const key of this.keys(x0, y0, x1, y1)) {
      for (const r of this.cells.get(key) ?? []) if (inside(x0, x1, r.x, r.x + r.width) && inside(y0, y1, r.y, r.y + r.height)) return true;
    }
    return false;
  }
}

/**
 * The routes with no inner segment on top of another arrow's: each segment that shares its line
 * with another arrow over some length is moved sideways to the nearest free line that keeps the
 * route out of every sticky; where there is none it stays (rare: a channel narrower than the
 * arrows through it). `routes` is not changed.
 */
export function separateRoutes(stickies: readonly Rect[], routes: ReadonlyMap<string, readonly Point[]>): Map<string, Point[]> {
  const steps = separationSteps(stickies, routes);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * separateRoutes as small steps (a line of segments each), for the board to run in idle slices
 * like the routing itself: on a board of thousands of arrows the whole pass is a long task.
 */
export function* separationSteps(stickies: readonly Rect[], routes: ReadonlyMap<string, readonly Point[]>): Generator<void, Map<string, Point[]>> {
  const out = new Map<string, Point[]>();
  for (const [id, r] of routes) out.set(id, r.map((p) => ({ x: p.x, y: p.y })));
  const grid = new StickyGrid(stickies);
  yield* untangleStubs(out, grid);
  // Moving a vertical segment stretches horizontal ones (and the other way round), which can make
  // new overlaps of the other orientation: a second round settles those.
  for (let round = 0; round < 2; round++) for (const orient of ['v', 'h'] as const) yield* separate(out, orient, grid);
  return out;
}

function segmentsOf(routes: Map<string, Point[]>, orient: Orient): Segment[] {
  const all: Segment[] = [];
  for (const [id, route] of routes) {
    const n = route.length;
    for (let k = 0; k + 1 < n; k++) {
      if (orientOf(route[k]!, route[k + 1]!) !== orient) continue;
      // The first and last segments sit on their handles' height.
      all.push({ route, id, a: route[k]!, b: route[k + 1]!, orient, movable: k > 0 && k < n - 2 });
    }
  }
  return all;
}

/**
 * The one overlap the segments that may not move can have: an arrow leaving a sticky to the right
 * along the same height as another arrow arriving at a sticky further right, in the gap between
 * the two (a row of stickies). Their first bends are swapped round the middle of that stretch:
 * the leaving arrow turns first, the arriving one after it.
 */
function* untangleStubs(routes: Map<string, Point[]>, grid: StickyGrid): Generator<void> {
  const verticals = segmentsOf(routes, 'v');
  const lines = new LineIndex(verticals);
  const cross = new LineIndex(segmentsOf(routes, 'h'));
  const find = new Map(verticals.map((v) => [`${v.id}#${indexOf(v)}`, v]));
  let count = 0;
  for (const [leaveId, leave] of routes) {
    if (++count % 64 === 0) yield;
    if (leave.length < 4) continue;
    const [p, bend] = [leave[0]!, leave[1]!];
    // Last segments of other arrows lying on this one's first (they end at a handle further right).
    for (const last of cross.overlapping(p.y, [p.x, bend.x])) {
      const arrive = last.route;
      const arriveId = last.id;
      const n = arrive.length;
      if (arriveId === leaveId || n < 4 || last.b !== arrive[n - 1]) continue;
      const [bend2, q] = [arrive[n - 2]!, arrive[n - 1]!];
      if (!(q.x > p.x) || !(bend2.x < bend.x - EPS)) continue;
      const vLeave = find.get(`${leaveId}#1`);
      const vArrive = find.get(`${arriveId}#${n - 3}`);
      if (!vLeave || !vArrive) continue;
      const lo = Math.max(p.x, bend2.x);
      const hi = Math.min(q.x, bend.x);
      const mid = Math.round(lo + hi) / 2;
      const [x1, x2] = [mid - CHANNEL_GAP / 2, mid + CHANNEL_GAP / 2];
      if (!canMove(vLeave, x1, lines, cross, grid)) continue;
      const was = coordOf(vLeave);
      move(vLeave, x1);
      lines.refile(vLeave);
      if (canMove(vArrive, x2, lines, cross, grid)) {
        move(vArrive, x2);
        lines.refile(vArrive);
      } else {
        move(vLeave, was);
        lines.refile(vLeave);
      }
    }
  }
}

/** What a stub next to a handle keeps at least (room for the corner before the arrowhead). */
const MIN_STUB = CHANNEL_GAP;

/**
 * A neighbouring segment p-q, stretched to p2-q2, keeps its direction and some length (the route
 * keeps its shape); `stub`: it is the first or last segment of its route.
 */
function keeps(p: Point, q: Point, p2: Point, q2: Point, stub: boolean): boolean {
  const length = Math.abs(q2.x - p2.x) + Math.abs(q2.y - p2.y);
  return Math.sign(q.x - p.x) === Math.sign(q2.x - p2.x) && Math.sign(q.y - p.y) === Math.sign(q2.y - p2.y) && length >= (stub ? MIN_STUB : 2);
}

/**
 * Segments by line (their fixed coordinate), and along each line by stretches of BUCKET px, so
 * "who else is on this line here" looks at a few neighbours, not a whole row of the board. A
 * segment is filed under every stretch it covers plus DRIFT each side: its ends may move that far
 * (its neighbours are moved by at most a few gaps) before it is filed again.
 */
class LineIndex {
  private static readonly BUCKET = 256;
  private static readonly DRIFT = 64;
  private readonly lines = new Map<number, Map<number, Segment[]>>();
  private readonly filed = new Map<Segment, { line: number; from: number; to: number }>();
  constructor(segments: readonly Segment[]) {
    for (const s of segments) this.add(s);
  }
  add(s: Segment): void {
    const [lo, hi] = extentOf(s);
    const line = coordOf(s);
    const from = Math.floor((lo - LineIndex.DRIFT) / LineIndex.BUCKET);
    const to = Math.floor((hi + LineIndex.DRIFT) / LineIndex.BUCKET);
    const buckets = this.lines.get(line) ?? this.lines.set(line, new Map()).get(line)!;
    for (let k = from; k <= to; k++) (buckets.get(k) ?? buckets.set(k, []).get(k)!).push(s);
    this.filed.set(s, { line, from, to });
  }
  remove(s: Segment): void {
    const f = this.filed.get(s);
    if (!f) return;
    const buckets = this.lines.get(f.line)!;
    for (let k = f.from; k <= f.to; k++) buckets.set(k, buckets.get(k)!.filter((o) => o !== s));
    this.filed.delete(s);
  }
  /** Files a segment again after it moved to another line. */
  refile(s: Segment): void {
    this.remove(s);
    this.add(s);
  }
  /** Lines holding at least two segments, in order. */
  crowded(): number[] {
    return [...this.lines.keys()].filter((c) => this.on(c).length > 1).sort((p, q) => p - q);
  }
  /** Every segment on a line. */
  on(line: number): Segment[] {
    const seen = new Set<Segment>();
    for (const list of this.lines.get(line)?.values() ?? []) for (const s of list) if (this.filed.get(s)?.line === line) seen.add(s);
    return [...seen];
  }
  /** The segments on `line` overlapping `span`. */
  overlapping(line: number, span: [number, number]): Segment[] {
    const out = new Set<Segment>();
    const buckets = this.lines.get(line);
    for (let k = Math.floor(span[0] / LineIndex.BUCKET); buckets && k <= Math.floor(span[1] / LineIndex.BUCKET); k++) {
      for (const o of buckets.get(k) ?? []) if (overlaps(extentOf(o), span)) out.add(o);
    }
    return [...out];
  }
  /** Some segment on `line` overlapping `span` passes `test`. */
  any(line: number, span: [number, number], test: (o: Segment) => boolean): boolean {
    const buckets = this.lines.get(line);
    if (!buckets) return false;
    for (let k = Math.floor(span[0] / LineIndex.BUCKET); k <= Math.floor(span[1] / LineIndex.BUCKET); k++) {
      for (const o of buckets.get(k) ?? []) if (overlaps(extentOf(o), span) && test(o)) return true;
    }
    return false;
  }
}

function* separate(routes: Map<string, Point[]>, orient: Orient, grid: StickyGrid): Generator<void> {
  // Segments by line, kept current as segments move; and the other orientation's, whose lines
  // stay put (only their lengths change).
  const lines = new LineIndex(segmentsOf(routes, orient));
  const cross = new LineIndex(segmentsOf(routes, orient === 'h' ? 'v' : 'h'));
  for (const c of lines.crowded()) {
    yield;
    const here = lines.on(c).sort((p, q) => extentOf(p)[0] - extentOf(q)[0] || extentOf(p)[1] - extentOf(q)[1]);
    if (here.length < 2) continue;
    // Who keeps the line: the fixed segments, then segments in order of where they start.
    const kept = new LineIndex([]);
    const order = [...here.filter((s) => !s.movable), ...here.filter((s) => s.movable)];
    for (const s of order) {
      const ext = extentOf(s);
      const clash = kept.any(c, ext, (o) => o.id !== s.id);
      if (!clash || !s.movable) {
        kept.add(s);
        continue;
      }
      const to = OFFSETS.map((d) => c + d).find((c2) => canMove(s, c2, lines, cross, grid));
      if (to === undefined) {
        if (!jog(s, lines, cross, grid)) kept.add(s);
        continue;
      }
      move(s, to);
      lines.refile(s);
    }
  }
}

/** The route of `s` with `s` moved to line `c` (its neighbours stretched), as new points. */
function moved(s: Segment, c: number): { a: Point; b: Point } {
  const { a, b } = s;
  return s.orient === 'h' ? { a: { x: a.x, y: c }, b: { x: b.x, y: c } } : { a: { x: c, y: a.y }, b: { x: c, y: b.y } };
}

function canMove(s: Segment, c: number, lines: LineIndex, cross: LineIndex, grid: StickyGrid): boolean {
  const ext = extentOf(s);
  // The new line must be free over the segment's extent (any other arrow's segment there).
  if (lines.any(c, ext, (o) => o.id !== s.id)) return false;
  const { a, b } = moved(s, c);
  const k = indexOf(s);
  const before = s.route[k - 1]!;
  const after = s.route[k + 2]!;
  const last = s.route.length - 2;
  if (!keeps(before, s.a, before, a, k - 1 === 0) || !keeps(s.b, after, b, after, k + 1 === last)) return false;
  if (grid.enters(a, b) || grid.enters(before, a) || grid.enters(b, after)) return false;
  // The stretched neighbours may not run onto another arrow they did not share a line with before.
  return !stretchesOnto(s.id, before, s.a, before, a, cross) && !stretchesOnto(s.id, s.b, after, b, after, cross);
}

/** Neighbour p-q of arrow `id`, stretched to p2-q2, newly overlaps another arrow's segment. */
function stretchesOnto(id: string, p: Point, q: Point, p2: Point, q2: Point, cross: LineIndex): boolean {
  const horizontal = p.y === q.y;
  const line = horizontal ? p.y : p.x;
  const span = (u: Point, v: Point): [number, number] => (horizontal ? [Math.min(u.x, v.x), Math.max(u.x, v.x)] : [Math.min(u.y, v.y), Math.max(u.y, v.y)]);
  const now = span(p2, q2);
  const was = span(p, q);
  // Shrinking (or staying) cannot run onto anything new.
  if (now[0] >= was[0] && now[1] <= was[1]) return false;
  return cross.any(line, now, (o) => o.id !== id && !overlaps(extentOf(o), was));
}

function move(s: Segment, c: number): void {
  if (s.orient === 'h') s.a.y = s.b.y = c;
  else s.a.x = s.b.x = c;
}

/**
 * Two arrows that cross inside one gap, with their handles at the same heights (a command
 * lower-left to an event upper-right, another upper-left to lower-right), cannot be separated by
 * moving whole segments: each one's first stretch lies on the other's last. Then the shared
 * segment is split in two halves on different lines, joined by a short jog across:
 * a -> (x1, a) -> (x1, m) -> (x2, m) -> (x2, b) -> b, for the first such choice that is free.
 */
function jog(s: Segment, lines: LineIndex, cross: LineIndex, grid: StickyGrid): boolean {
  const route = s.route;
  const k = indexOf(s);
  const { a, b } = s;
  const before = route[k - 1]!;
  const after = route[k + 2]!;
  const c = coordOf(s);
  const [lo, hi] = extentOf(s);
  const along = (u: number, v: number): Point => (s.orient === 'v' ? { x: u, y: v } : { x: v, y: u });
  const start = s.orient === 'v' ? a.y : a.x;
  const end = s.orient === 'v' ? b.y : b.x;
  const lanes = [0, ...OFFSETS.slice(0, 6)].map((d) => c + d);
  const middles = [0.5, 0.35, 0.65, 0.2, 0.8].map((f) => Math.round((lo + (hi - lo) * f) * 2) / 2);
  const free = (index: LineIndex, line: number, span: [number, number]) => !index.any(line, span, (o) => o.id !== s.id);
  const sorted = (u: number, v: number): [number, number] => [Math.min(u, v), Math.max(u, v)];
  const last = route.length - 2;
  for (const m of middles) {
    if (!(m > lo + 2 && m < hi - 2)) continue;
    for (const x1 of lanes) {
      for (const x2 of lanes) {
        if (x1 === x2) continue;
        const p1 = along(x1, start);
        const p2 = along(x1, m);
        const p3 = along(x2, m);
        const p4 = along(x2, end);
        if (!free(lines, x1, sorted(start, m)) || !free(lines, x2, sorted(m, end)) || !free(cross, m, sorted(x1, x2))) continue;
        if ([[before, p1], [p1, p2], [p2, p3], [p3, p4], [p4, after]].some(([u, v]) => grid.enters(u!, v!))) continue;
        // The neighbours keep their direction and do not run onto other arrows.
        if (!keeps(before, a, before, p1, k - 1 === 0) || !keeps(b, after, p4, after, k + 1 === last)) continue;
        if (stretchesOnto(s.id, before, a, before, p1, cross) || stretchesOnto(s.id, b, after, p4, after, cross)) continue;
        // a and b move in place (their neighbours keep them); the jog's two corners go between.
        Object.assign(a, p1);
        Object.assign(b, p4);
        route.splice(k + 1, 0, p2, p3);
        lines.remove(s);
        lines.add({ ...s, b: p2 });
        lines.add({ ...s, a: p3 });
        cross.add({ route, id: s.id, a: p2, b: p3, orient: s.orient === 'v' ? 'h' : 'v', movable: true });
        return true;
      }
    }
  }
  return false;
}
