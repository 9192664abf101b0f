// Where to put a new sticky near a point without covering another one: the nearest free cell
// of a grid around the point, searched ring by ring.

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

const GAP = 16;

export function freeSpot(near: { x: number; y: number }, size: { w: number; h: number }, taken: readonly Rect[], step = 40, maxRings = 40): { x: number; y: number } {
  const free = (x: number, y: number) =>
    !taken.some((r) => x < r.x + r.w + GAP && r.x < x + size.w + GAP && y < r.y + r.h + GAP && r.y < y + size.h + GAP);
  if (free(near.x, near.y)) return near;
  for (let ring = 1; ring <= maxRings; ring++) {
    for (let dy = -ring; dy <= ring; dy++) {
      for (let dx = -ring; dx <= ring; dx++) {
        if (Math.max(Math.abs(dx), Math.abs(dy)) !== ring) continue;
        const x = near.x + dx * step;
        const y = near.y + dy * step;
        if (free(x, y)) return { x, y };
      }
    }
  }
  return near;
}
