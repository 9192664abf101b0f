// Geometry checks on arrow routes shared by the router's and the export's tests (ADRs 0043, 0047).

import type { Point, Rect } from '../../app/renderer/model/edge-routes.js';

/** The axis-aligned segment p-q passes through the inside of r (touching its border is fine). */
export function crosses(p: Point, q: Point, r: Rect): boolean {
  const x0 = Math.min(p.x, q.x);
  const x1 = Math.max(p.x, q.x);
  const y0 = Math.min(p.y, q.y);
  const y1 = Math.max(p.y, q.y);
  const overlap = (a0: number, a1: number, b0: number, b1: number) => (a0 === a1 ? a0 > b0 && a0 < b1 : Math.max(a0, b0) < Math.min(a1, b1));
  return overlap(x0, x1, r.x, r.x + r.width) && overlap(y0, y1, r.y, r.y + r.height);
}

/**
 * Places where two arrows run on top of each other: collinear segments of two arrows that overlap
 * over some length. Allowed (not listed): arrows leaving the same handle share the stretch from it
 * to their first bend, arrows entering the same handle the stretch from their last bend (a fan).
 */
export function sharedSegments(edges: readonly { id: string; source: string; target: string }[], routes: ReadonlyMap<string, readonly Point[]>): string[] {
  const ends = new Map(edges.map((e) => [e.id, e]));
  const segs: { id: string; first: boolean; last: boolean; a: Point; b: Point }[] = [];
  for (const [id, r] of routes) for (let k = 0; k + 1 < r.length; k++) segs.push({ id, first: k === 0, last: k === r.length - 2, a: r[k]!, b: r[k + 1]! });
  const out: string[] = [];
  for (let i = 0; i < segs.length; i++) {
    for (let j = i + 1; j < segs.length; j++) {
      const [s, t] = [segs[i]!, segs[j]!];
      if (s.id === t.id) continue;
      const h = s.a.y === s.b.y && t.a.y === t.b.y && s.a.y === t.a.y;
      const v = s.a.x === s.b.x && t.a.x === t.b.x && s.a.x === t.a.x;
      if (!h && !v) continue;
      const span = (p: Point, q: Point) => (h ? [Math.min(p.x, q.x), Math.max(p.x, q.x)] : [Math.min(p.y, q.y), Math.max(p.y, q.y)]);
      const [p0, p1] = span(s.a, s.b);
      const [q0, q1] = span(t.a, t.b);
      if (!(Math.max(p0!, q0!) < Math.min(p1!, q1!))) continue;
      const fan = (s.first && t.first && ends.get(s.id)!.source === ends.get(t.id)!.source) || (s.last && t.last && ends.get(s.id)!.target === ends.get(t.id)!.target);
      if (!fan) out.push(`${s.id} ~ ${t.id} at ${h ? `y=${s.a.y}` : `x=${s.a.x}`}`);
    }
  }
  return out;
}
