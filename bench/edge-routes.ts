// Arrow routing cost (issue 14, ADRs 0043 and 0047), in Node on the synthetic boards of
// bench/canvas.ts and the shop example: how long routing every arrow takes (what the board spends
// in idle slices after the first paint), the longest single arrow (what one slice can overrun
// by), and the separation pass that sets arrows sharing a channel side by side (one piece, at the
// end). Medians of --runs runs after one warm-up; load average printed (the machine is shared).
//
//   npx tsx bench/edge-routes.ts [--runs 3] [--sizes 600,1000,3000]

import { readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { routeEdge, routingKey, stickyRects } from '../app/renderer/model/edge-routes.js';
import { separateRoutes } from '../app/renderer/model/edge-separation.js';
import { toGraph, type Graph } from '../app/renderer/model/graph.js';
import { loadModel } from '../generator/model/index.js';
import { writeBoard } from './canvas-baseline/synthetic-board.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, sizes: { type: 'string', default: '600,1000,3000' } } });
const runs = Number(values.runs);

function graphOf(dir: string): Graph {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => ({ path: f, text: readFileSync(path.join(dir, f), 'utf8') }));
  return toGraph(loadModel(files).model!);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function measure(name: string, g: Graph): void {
  const route: number[] = [];
  const worst: number[] = [];
  const separate: number[] = [];
  const key: number[] = [];
  let routed = 0;
  for (let r = 0; r <= runs; r++) {
    let t = performance.now();
    routingKey(g);
    const keyMs = performance.now() - t;
    const stickies = stickyRects(g);
    const byId = new Map(stickies.map((s) => [s.id, s]));
    const out = new Map<string, { x: number; y: number }[]>();
    let longest = 0;
    t = performance.now();
    for (const e of g.edges) {
      const a = byId.get(e.source);
      const b = byId.get(e.target);
      const t1 = performance.now();
      const p = a && b ? routeEdge(a, b, stickies) : undefined;
      longest = Math.max(longest, performance.now() - t1);
      if (p) out.set(e.id, p);
    }
    const routeMs = performance.now() - t;
    t = performance.now();
    separateRoutes(stickies, out);
    const sepMs = performance.now() - t;
    routed = out.size;
    if (r === 0) continue; // warm-up
    route.push(routeMs);
    worst.push(longest);
    separate.push(sepMs);
    key.push(keyMs);
  }
  const stickies = g.nodes.filter((n) => n.type === 'sticky').length;
  console.log(
    `${name.padEnd(16)} ${String(stickies).padStart(5)} stickies ${String(g.edges.length).padStart(5)} arrows (${routed} routed): ` +
      `route all ${median(route).toFixed(0)} ms (${(median(route) / g.edges.length).toFixed(2)} ms/arrow, longest arrow ${median(worst).toFixed(1)} ms), ` +
      `separate ${median(separate).toFixed(0)} ms, routing key ${median(key).toFixed(1)} ms`,
  );
}

console.log(`cores ${os.cpus().length}, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, ${runs} runs (medians)`);
measure('shop', graphOf(path.join(import.meta.dirname, '../models/shop')));
for (const size of values.sizes!.split(',').map(Number)) {
  const dir = writeBoard(size);
  try {
    measure(`synthetic ${size}`, graphOf(dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
console.log(`load after ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
