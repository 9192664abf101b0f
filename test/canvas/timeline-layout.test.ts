// Issue 14, a timeline layout: auto-layout orders each context left to right by causal flow and
// cuts it into swimlanes, one per aggregate (and per external system), on both examples.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { autoLayout, laneOf } from '../../app/renderer/model/auto-layout.js';
import { applyChange } from '../../app/renderer/model/changes.js';
import { toGraph } from '../../app/renderer/model/graph.js';
import { linksOf } from '../../app/renderer/model/links.js';
import { nodeIdOf } from '../../app/renderer/model/refs.js';
import { loadModel } from '../../generator/model/index.js';

function example(name: string) {
  const dir = path.join(__dirname, '../../models', name);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') && !f.endsWith('.layout.yaml'))
    .map((f) => ({ path: f, text: readFileSync(path.join(dir, f), 'utf8') }));
  return loadModel(files).model!;
}

describe.each(['library', 'shop'])('timeline auto-layout of %s', (name) => {
  it('flows left to right, one swimlane per aggregate, no sticky on another', async () => {
    const model = example(name);
    const laid = applyChange(model, await autoLayout(model)).model;
    const g = toGraph(laid);
    const box = new Map(g.nodes.filter((n) => n.type === 'sticky').map((n) => [n.id, { ...n.position, w: n.width!, h: n.height! }]));

    // Causal order inside each context: emits, triggers, issues and feeds point right.
    for (const l of linksOf(laid)) {
      if (!['emits', 'on', 'issues', 'from'].includes(l.relation) || l.source.context !== l.target.context) continue;
      const s = box.get(nodeIdOf(l.source))!;
      const t = box.get(nodeIdOf(l.target))!;
      expect(s.x, `${l.relation} ${l.source.name} -> ${l.target.name}`).toBeLessThan(t.x);
    }

    // Swimlanes: each lane is a horizontal band of its context; bands do not overlap.
    const lanes = laneOf(laid);
    const bands = new Map<string, { ctx: string; top: number; bottom: number }>();
    for (const [id, b] of box) {
      const lane = lanes.get(id) ?? `other:${id.split('/')[0]}`;
      const band = bands.get(lane) ?? { ctx: id.split('/')[0]!, top: Infinity, bottom: -Infinity };
      band.top = Math.min(band.top, b.y);
      band.bottom = Math.max(band.bottom, b.y + b.h);
      bands.set(lane, band);
    }
    const list = [...bands.entries()];
    for (const [a, p] of list)
      for (const [b, q] of list) {
        if (a >= b || p.ctx !== q.ctx) continue;
        expect(p.bottom <= q.top || q.bottom <= p.top, `lanes ${a} and ${b} overlap`).toBe(true);
      }
    // Every aggregate's commands and recorded events sit in its lane.
    for (const l of linksOf(laid)) {
      if (l.relation !== 'owns' && l.relation !== 'aggregate') continue;
      const [agg, other] = l.relation === 'owns' ? [l.source, l.target] : [l.target, l.source];
      if (agg.context === other.context) expect(lanes.get(nodeIdOf(other))).toBe(lanes.get(nodeIdOf(agg)));
    }

    const all = [...box.entries()];
    for (const [p, a] of all)
      for (const [q, b] of all) {
        if (p >= q) continue;
        const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
        expect(overlap, `${p} / ${q}`).toBe(false);
      }
  });
});
