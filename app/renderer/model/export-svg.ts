// The whole board as a standalone SVG document (File > Export). Drawn from the graph, not from
// the DOM, so it contains every sticky (also those scrolled out of view, which React Flow does
// not render) and is identical for the same model.

import { RELATION_COLOR } from './grammar.js';
import { STICKY_STYLES } from './kinds.js';
import { wrapLines } from './wrap.js';
import type { Graph } from './graph.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const MARGIN = 24;

const nameLines = (name: string, width: number) => wrapLines(name, Math.max(4, Math.floor((width - 16) / 7.5)), 3);

export function boardToSvg(graph: Graph): string {
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
  for (const e of graph.edges) {
    const s = byId.get(e.source);
    const t = byId.get(e.target);
    if (!s || !t) continue;
    const x1 = x(s.position.x + (s.width ?? 0));
    const y1 = y(s.position.y + (s.height ?? 0) / 2);
    const x2 = x(t.position.x);
    const y2 = y(t.position.y + (t.height ?? 0) / 2);
    const dx = Math.max(40, Math.abs(x2 - x1) / 2);
    const color = e.data ? RELATION_COLOR[e.data.relation] : '#555555';
    out.push(`<path d="M ${x1} ${y1} C ${x1 + dx} ${y1}, ${x2 - dx} ${y2}, ${x2} ${y2}" fill="none" stroke="${color}" stroke-width="2" marker-end="url(#arrow-${color.slice(1)})"/>`);
  }
  for (const n of graph.nodes) {
    if (n.type !== 'sticky') continue;
    const st = STICKY_STYLES[n.data.kind];
    const px = x(n.position.x);
    const py = y(n.position.y);
    out.push(
      `<g class="sticky" data-kind="${n.data.kind}"><rect x="${px}" y="${py}" width="${n.width}" height="${n.height}" rx="4" fill="${st.color}" stroke="${st.accent}"/>`,
      `<text x="${px + 8}" y="${py + 16}" font-size="10" fill="${st.accent}">${esc(st.label)}</text>`,
      // Wrapped inside the sticky like on the board (about 7.5 px per character at 13 px).
      `<text x="${px + 8}" y="${py + 32}" font-size="13" font-weight="600" fill="#111">${nameLines(n.data.name, n.width ?? 160)
        .map((line, i) => `<tspan x="${px + 8}" dy="${i === 0 ? 0 : 15}">${esc(line)}</tspan>`)
        .join('')}</text>`,
      `<text x="${px + 8}" y="${py + (n.height ?? 96) - 8}" font-size="10" fill="#333">${esc(n.data.detail)}</text></g>`,
    );
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
