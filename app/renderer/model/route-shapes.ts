// The plain shapes arrow routing works on: a point and a sticky's box. Their own module so the
// router (edge-routes.ts) and the pass that separates its routes (edge-separation.ts) can both
// use them without importing each other.

export interface Point {
  x: number;
  y: number;
}

export interface Rect {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}
