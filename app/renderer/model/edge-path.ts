// An arrow's route (edge-routes.ts) as an SVG path with rounded corners: the one way routed arrows
// are drawn, on the board (RoutedEdge) and in the SVG/PNG export (export-svg.ts).

import type { Point } from './route-shapes.js';

/** Corner radius of a routed arrow (smaller where a segment is short). */
export const CORNER = 8;

const num = (v: number) => +v.toFixed(1);

/** `M`, then per corner `L` to where the curve starts and `Q` round the corner, then `L` to the end. */
export function roundedPath(points: readonly Point[], corner = CORNER): string {
  let d = `M ${num(points[0]!.x)} ${num(points[0]!.y)}`;
  for (let k = 1; k < points.length - 1; k++) {
    const [a, b, c] = [points[k - 1]!, points[k]!, points[k + 1]!];
    const r = Math.min(corner, Math.hypot(b.x - a.x, b.y - a.y) / 2, Math.hypot(c.x - b.x, c.y - b.y) / 2);
    const towards = (p: Point, q: Point, len: number) => {
      const l = Math.hypot(q.x - p.x, q.y - p.y) || 1;
      return { x: p.x + ((q.x - p.x) * len) / l, y: p.y + ((q.y - p.y) * len) / l };
    };
    const p1 = towards(b, a, r);
    const p2 = towards(b, c, r);
    d += ` L ${num(p1.x)} ${num(p1.y)} Q ${num(b.x)} ${num(b.y)} ${num(p2.x)} ${num(p2.y)}`;
  }
  const last = points[points.length - 1]!;
  return `${d} L ${num(last.x)} ${num(last.y)}`;
}

/** The middle of the longest segment: where a label reads best. */
export function labelPoint(points: readonly Point[]): Point {
  let best = { x: points[0]!.x, y: points[0]!.y };
  let longest = -1;
  for (let k = 0; k + 1 < points.length; k++) {
    const [a, b] = [points[k]!, points[k + 1]!];
    const len = Math.abs(b.x - a.x) + Math.abs(b.y - a.y);
    if (len > longest) {
      longest = len;
      best = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
    }
  }
  return best;
}
