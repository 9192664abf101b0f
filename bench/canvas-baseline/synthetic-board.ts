// Synthetic model folders for bench/canvas.ts: N stickies in bounded contexts of 100, each a
// YAML file plus a layout sidecar. Like a real board, stickies come in aggregate clusters of 10
// (actor, 3 commands, aggregate, 3 events, policy, read model) laid out as a 5x2 block, with
// one policy arrow to the next cluster; one read model in five lacks its key field, so boards
// carry validation badges as real ones do.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const PER_CONTEXT = 100;
const CLUSTER = 10;
const CELL_W = 200;
const CELL_H = 130;

function contextFiles(index: number, n: number): { yaml: string; layout: string } {
  const clusters = Math.max(1, Math.floor(n / CLUSTER));
  const sec = { actors: ['actors:'], aggregates: ['aggregates:'], commands: ['commands:'], events: ['events:'], policies: ['policies:'], projections: ['projections:'] };
  const positions: string[] = ['# Canvas positions (benchmark board)'];
  const place = (name: string, cluster: number, col: number, row: number) => {
    const bx = (cluster % 2) * 5 * CELL_W;
    const by = Math.floor(cluster / 2) * 2 * CELL_H + Math.floor(cluster / 2) * 40;
    positions.push(`${name}: { x: ${40 + bx + col * CELL_W}, y: ${80 + by + row * CELL_H} }`);
  };
  for (let c = 0; c < clusters; c++) {
    const agg = `Thing${c}`;
    sec.actors.push(`  Person${c}: {}`);
    sec.aggregates.push(`  ${agg}:`, '    identity: thingId');
    for (let k = 0; k < 3; k++) {
      sec.commands.push(`  Do${c}x${k}:`, `    aggregate: ${agg}`, ...(k === 0 ? [`    actor: Person${c}`] : []), '    fields: { thingId: uuid, amount: int }', `    emits: [Done${c}x${k}]`);
      sec.events.push(`  Done${c}x${k}:`, `    aggregate: ${agg}`, '    version: 1', '    fields: { thingId: uuid, amount: int }');
    }
    sec.policies.push(`  After${c}: { on: [Done${c}x0], issues: [Do${(c + 1) % clusters}x1] }`);
    sec.projections.push(`  View${c}: { from: [Done${c}x1, Done${c}x2], key: ${c % 5 === 0 ? 'missing' : 'thingId'}, fields: { thingId: uuid }, consistency: eventual }`);
    place(`Person${c}`, c, 0, 0);
    place(`Do${c}x0`, c, 1, 0);
    place(agg, c, 2, 0);
    place(`Done${c}x0`, c, 3, 0);
    place(`After${c}`, c, 4, 0);
    place(`Do${c}x1`, c, 0, 1);
    place(`Do${c}x2`, c, 1, 1);
    place(`Done${c}x1`, c, 2, 1);
    place(`Done${c}x2`, c, 3, 1);
    place(`View${c}`, c, 4, 1);
  }
  const yaml = ['stormsmith: 1', `context: Context${index}`, ...Object.values(sec).flat()].join('\n') + '\n';
  return { yaml, layout: positions.join('\n') + '\n' };
}

/** A model folder of `stickies` stickies (a multiple of 10) in a fresh temp directory. */
export function writeBoard(stickies: number): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `stormsmith-bench-${stickies}-`));
  for (let c = 0; c * PER_CONTEXT < stickies; c++) {
    const { yaml, layout } = contextFiles(c, Math.min(PER_CONTEXT, stickies - c * PER_CONTEXT));
    const base = `context${String(c).padStart(3, '0')}`;
    writeFileSync(path.join(dir, `${base}.yaml`), yaml);
    writeFileSync(path.join(dir, `${base}.layout.yaml`), layout);
  }
  return dir;
}
