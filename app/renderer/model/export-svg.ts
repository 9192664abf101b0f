// The whole board as a standalone SVG document (File > Export). Drawn from the graph, not from
// the DOM, so it contains every sticky (also those scrolled out of view, which React Flow does
// not render) and is identical for the same model. Arrows follow the same routes as on the board
// (orthogonal around the stickies, side by side in shared channels: ADRs 0043, 0047), with the
// board's rounded corners, arrowheads and colours by meaning (ADR 0048).

import { roundedPath } from './edge-path.js';
import { routesOf, sourcePort, targetPort, type Point } from './edge-routes.js';
import { RELATION_COLOR } from './grammar.js';
import { STICKY_STYLES } from './kinds.js';
import { textWidth } from './text-width.js';
import { wrapToWidth } from './wrap.js';
import type { Graph } from './graph.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const MARGIN = 24;

/** Sticky text: 8 px in from each side; the name's first baseline 32 px down, 15 px a line. */
const PAD = 8;
const NAME_TOP = 32;
const LINE = 15;

/**
 * The name wrapped to the sticky's width as the widest usual font draws it (text-width.ts), in as
 * many lines (up to 3) as fit above the subtitle; an ellipsis ends a name cut short.
 */
function nameLines(name: string, width: number, height: number, subtitle: boolean): string[] {
  const room = height - (subtitle ? 18 : 2) - NAME_TOP - 4;
  const lines = Math.max(1, Math.min(3, Math.floor(room / LINE) + 1));
  return wrapToWidth(name, width - 2 * PAD, (s) => textWidth(s, 13), lines);
}

/** One line of small text that fits the sticky's width (an ellipsis ends it when cut). */
const oneLine = (text: string, width: number, size: number) => (text ? wrapToWidth(text, width - 2 * PAD, (s) => textWidth(s, size), 1)[0]! : '');

/**
 * `routes`: the board's arrow routes in board coordinates (default: routed here, as the board
 * routes them); an arrow without one (boxed in) gets a plain step path between its handles.
 */
export function boardToSvg(graph: Graph, routes: ReadonlyMap<string, readonly Point[]> = routesOf(graph)): string {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const n of graph.nodes) {
    minX = Math.min(minX, n.position.x);
    minY = Math.min(minY, n.position.y);
    maxX = Math.max(maxX, n.position.x + (n.width ?? 0));
    maxY = Math.max(maxY, n.position.y + (n.height ?? 0));
  }
  if (minX === Infinity) [minX, minY, maxX, maxY] = [0, 0, 100, 100];
  const width = Math.ceil(maxX - minX + 2 * MARGIN);
  const height = Math.ceil(maxY - minY + 2 * MARGIN);
  const x = (v: number) => +(v - minX + MARGIN).toFixed(1);
  const y = (v: number) => +(v - minY + MARGIN).toFixed(1);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif">`,
    // One arrowhead per colour: arrows keep the colour of their meaning, as on the board.
    `<defs>${[...new Set(Object.values(RELATION_COLOR))]
      .map((c) => `<marker id="arrow-${c.slice(1)}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="${c}"/></marker>`)
      .join('')}</defs>`,
    `<rect width="${width}" height="${height}" fill="#fafafa"/>`,
  ];
  for (const n of graph.nodes) {
    if (n.type !== 'frame') continue;
    out.push(
      `<g class="frame"><rect x="${x(n.position.x)}" y="${y(n.position.y)}" width="${n.width}" height="${n.height}" rx="12" fill="#eef0f6" stroke="#9aa0b4" stroke-dasharray="6 4"/>`,
      `<text x="${x(n.position.x) + 14}" y="${y(n.position.y) + 24}" font-size="16" font-weight="700" fill="#3b4060">${esc(n.data.context)}</text></g>`,
    );
  }
  const rect = (n: (typeof graph.nodes)[number]) => ({ id: n.id, x: n.position.x, y: n.position.y, width: n.width ?? 0, height: n.height ?? 0 });
  for (const e of graph.edges) {
    const s = byId.get(e.source);
    const t = byId.get(e.target);
    if (!s || !t) continue;
    let points = routes.get(e.id);
    if (!points || points.length < 2) {
      const [p, q] = [sourcePort(rect(s)), targetPort(rect(t))];
      const mx = (p.x + q.x) / 2;
      points = p.y === q.y ? [p, q] : [p, { x: mx, y: p.y }, { x: mx, y: q.y }, q];
    }
    const d = roundedPath(points.map((p) => ({ x: x(p.x), y: y(p.y) })));
    const color = e.data ? RELATION_COLOR[e.data.relation] : '#555555';
    out.push(`<path class="arrow" data-id="${esc(e.id)}" d="${d}" fill="none" stroke="${color}" stroke-width="2" stroke-linejoin="round" marker-end="url(#arrow-${color.slice(1)})"/>`);
  }
  for (const n of graph.nodes) {
    if (n.type !== 'sticky') continue;
    const st = STICKY_STYLES[n.data.kind];
    const px = x(n.position.x);
    const py = y(n.position.y);
    out.push(
      `<g class="sticky" data-kind="${n.data.kind}" data-id="${esc(n.id)}"><rect x="${px}" y="${py}" width="${n.width}" height="${n.height}" rx="4" fill="${st.color}" stroke="${st.accent}"/>`,
      `<text x="${px + PAD}" y="${py + 16}" font-size="10" fill="${st.accent}">${esc(oneLine(st.label, n.width ?? 160, 10))}</text>`,
      // Wrapped inside the sticky like on the board, at word and camel-case boundaries.
      `<text x="${px + PAD}" y="${py + NAME_TOP}" font-size="13" font-weight="600" fill="#111">${nameLines(n.data.name, n.width ?? 160, n.height ?? 96, n.data.detail !== '')
        .map((line, i) => `<tspan x="${px + PAD}" dy="${i === 0 ? 0 : LINE}">${esc(line)}</tspan>`)
        .join('')}</text>`,
      `<text x="${px + PAD}" y="${py + (n.height ?? 96) - 8}" font-size="10" fill="#333">${esc(oneLine(n.data.detail, n.width ?? 160, 10))}</text></g>`,
    );
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
