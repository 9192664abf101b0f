// The SVG (and so PNG) export draws the arrows as the board does (issue 14, ADR 0048): along the
// board's routes, orthogonal around the stickies, side by side where they share a channel, from
// the source's handle into the target's, with an arrowhead in the colour of their meaning.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { routesOf, sourcePort, targetPort, type Point, type Rect } from '../../app/renderer/model/edge-routes.js';
import { boardToSvg } from '../../app/renderer/model/export-svg.js';
import { RELATION_COLOR } from '../../app/renderer/model/grammar.js';
import { toGraph } from '../../app/renderer/model/graph.js';
import { loadModel } from '../../generator/model/index.js';
import { crosses, sharedSegments } from '../support/route-geometry.js';

function graphOf(name: string) {
  const dir = path.join(__dirname, '../../models', name);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => ({ path: f, text: readFileSync(path.join(dir, f), 'utf8') }));
  return toGraph(loadModel(files).model!);
}

const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The arrows of an exported SVG: id, colour, marker and the corners of the path (M, each Q's corner, the end). */
function arrowsOf(svg: string) {
  return [...svg.matchAll(/<path class="arrow" data-id="([^"]*)" d="([^"]*)" fill="none" stroke="(#[0-9a-f]{6})"[^>]* marker-end="url\(#([^)]*)\)"\/>/g)].map((m) => {
    const d = m[2]!;
    const num = (s: string) => s.trim().split(/\s+/).map(Number);
    const start = num(/^M ([^LQ]*)/.exec(d)![1]!);
    const corners = [...d.matchAll(/Q ([-\d.]+) ([-\d.]+)/g)].map((q) => ({ x: Number(q[1]), y: Number(q[2]) }));
    const end = num(/L ([^LQ]*)$/.exec(d)![1]!);
    return { id: unescape(m[1]!), color: m[3]!, marker: m[4]!, d, points: [{ x: start[0]!, y: start[1]! }, ...corners, { x: end[0]!, y: end[1]! }] };
  });
}

/** The stickies of an exported SVG by id, in the SVG's coordinates. */
function stickiesOf(svg: string): Map<string, Rect> {
  return new Map(
    [...svg.matchAll(/<g class="sticky" data-kind="[^"]*" data-id="([^"]*)"><rect x="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)" height="([\d.]+)"/g)].map((m) => {
      const id = unescape(m[1]!);
      return [id, { id, x: Number(m[2]), y: Number(m[3]), width: Number(m[4]), height: Number(m[5]) }];
    }),
  );
}

describe.each(['library', 'shop'])('SVG export of %s', (name) => {
  const graph = graphOf(name);
  const svg = boardToSvg(graph);
  const arrows = arrowsOf(svg);
  const stickies = stickiesOf(svg);

  it('draws every arrow along the board route, from handle to handle, around every sticky', () => {
    expect(arrows.map((a) => a.id).sort()).toEqual(graph.edges.map((e) => e.id).sort());
    expect(stickies.size).toBe(graph.nodes.filter((n) => n.type === 'sticky').length);
    // The SVG is the board moved by a margin: one offset for every sticky.
    const some = graph.nodes.find((n) => n.type === 'sticky')!;
    const dx = stickies.get(some.id)!.x - some.position.x;
    const dy = stickies.get(some.id)!.y - some.position.y;
    const board = routesOf(graph);
    for (const e of graph.edges) {
      const arrow = arrows.find((a) => a.id === e.id)!;
      expect(arrow.points, `${e.id} follows its route on the board`).toEqual(board.get(e.id)!.map((p) => ({ x: +(p.x + dx).toFixed(1), y: +(p.y + dy).toFixed(1) })));
      expect(arrow.points[0], `${e.id} starts at its source's handle`).toEqual(sourcePort(stickies.get(e.source)!));
      expect(arrow.points[arrow.points.length - 1], `${e.id} ends at its target's handle`).toEqual(targetPort(stickies.get(e.target)!));
      for (let k = 0; k + 1 < arrow.points.length; k++) {
        const [p, q] = [arrow.points[k]!, arrow.points[k + 1]!];
        expect(p.x === q.x || p.y === q.y, `${e.id} segment ${k} is orthogonal`).toBe(true);
        for (const r of stickies.values()) expect(crosses(p, q, r), `${e.id} segment ${k} crosses ${r.id}`).toBe(false);
      }
    }
    const routes = new Map<string, Point[]>(arrows.map((a) => [a.id, a.points]));
    expect(sharedSegments(graph.edges, routes), 'arrows drawn on top of each other').toEqual([]);
  });

  it('gives every arrow an arrowhead in the colour of its meaning', () => {
    for (const e of graph.edges) {
      const arrow = arrows.find((a) => a.id === e.id)!;
      const color = RELATION_COLOR[e.data!.relation];
      expect(arrow.color, e.id).toBe(color);
      expect(arrow.marker, e.id).toBe(`arrow-${color.slice(1)}`);
      expect(svg).toContain(`<marker id="arrow-${color.slice(1)}"`);
    }
  });
});
