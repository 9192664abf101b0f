// Where the canvas spends its time opening a board: a CPU profile of the renderer (CDP Profiler)
// from navigation until every sticky in view is painted, summarised as self time per function.
//
//   npx tsx bench/canvas-profile.ts [--board shop|<N stickies>] [--top 25] [--pan [--fit]] [--renderer DIR] [--total]
// --total ranks functions by total time (self + callees) instead of self time.
// --render profiles only the first render: from the canvas's `stormsmith:model-ready` mark until
// the first stickies are painted (two animation frames after they entered the DOM).
// --pan profiles 2 s of the bench's pan instead of the opening (--fit: zoomed to fit first).
//
// For readable function names, profile an unminified build:
//   STORMSMITH_RENDERER_OUT=/tmp/r npx vite build --config app/renderer/vite.config.ts --minify false
//   npx tsx bench/canvas-profile.ts --renderer /tmp/r

import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildRenderer, copyModels, launchBrowser, startStudio } from '../test/e2e/support/studio.js';
import { writeBoard } from './canvas-baseline/synthetic-board.js';

const { values } = parseArgs({ options: { board: { type: 'string', default: 'shop' }, top: { type: 'string', default: '25' }, pan: { type: 'boolean', default: false }, fit: { type: 'boolean', default: false }, renderer: { type: 'string' }, total: { type: 'boolean', default: false }, render: { type: 'boolean', default: false } } });

/** Starts a console profile at model ready and ends it once the first stickies are painted. */
const RENDER_WINDOW = `
  (() => {
    const mark = performance.mark.bind(performance);
    performance.mark = (name, options) => {
      if (name === 'stormsmith:model-ready') console.profile('render');
      return mark(name, options);
    };
    const nodes = document.getElementsByClassName('react-flow__node');
    const observer = new MutationObserver(() => {
      if (nodes.length === 0) return;
      observer.disconnect();
      requestAnimationFrame(() => requestAnimationFrame(() => console.profileEnd('render')));
    });
    observer.observe(document, { childList: true, subtree: true });
  })();
`;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

const rendererDir = values.renderer ?? (await buildRenderer());
const browser = await launchBrowser({ width: 1400, height: 900 }, { bypassCSP: true });
const dir = values.board === 'shop' ? copyModels('shop') : writeBoard(Number(values.board));
const studio = await startStudio(dir, rendererDir);
try {
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  let rendered: unknown;
  if (values.render) {
    await page.addInitScript(RENDER_WINDOW);
    cdp.on('Profiler.consoleProfileFinished', (e) => void (rendered = e.profile));
  } else if (!values.pan) await cdp.send('Profiler.start');
  const t0 = Date.now();
  await page.goto(studio.url);
  await page.locator('[data-testid="sticky"]').first().waitFor({ timeout: 120_000 });
  await page.waitForTimeout(3000);
  if (values.pan) {
    if (values.fit) await page.evaluate('void window.__stormsmithFlow.fitView()');
    await page.waitForTimeout(1000);
    await cdp.send('Profiler.start');
    await page.evaluate(`(async () => { const f = window.__stormsmithFlow; const s = f.getViewport(); const t0 = performance.now(); let n = 0; await new Promise((done) => { const step = (now) => { const t = (now - t0) / 1000; f.setViewport({ x: s.x - 300 * Math.sin(t * 2), y: s.y - 150 * Math.sin(t * 3), zoom: s.zoom * (1 + 0.1 * Math.sin(t * 4)) }); n++; if (now - t0 < 2000) requestAnimationFrame(step); else done(); }; requestAnimationFrame(step); }); return n; })()`);
  }
  const { profile } = (values.render ? { profile: rendered } : await cdp.send('Profiler.stop')) as { profile: { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] } };
  const wall = Date.now() - t0;
  const self = new Map<string, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = new Map<number, number>();
  profile.samples.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  let total = 0;
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keyOf = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop() ?? ''}:${n.callFrame.lineNumber + 1}`;
  for (const [id, us] of dt) {
    const n = byId.get(id)!;
    const f = n.callFrame;
    if (values.total) {
      // Each function once per sample, however deep it recurses.
      const seen = new Set<string>();
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const key = keyOf(byId.get(at)!);
        if (seen.has(key)) continue;
        seen.add(key);
        self.set(key, (self.get(key) ?? 0) + us / 1000);
      }
    } else self.set(keyOf(n), (self.get(keyOf(n)) ?? 0) + us / 1000);
    if (f.functionName !== '(idle)' && f.functionName !== '(program)') total += us / 1000;
  }
  console.log(`board ${values.board}: profiled ${(profile.endTime - profile.startTime) / 1000 | 0} ms (wall ${wall} ms), busy (not idle/program) ${total.toFixed(0)} ms`);
  for (const [k, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top))) console.log(`${ms.toFixed(1).padStart(8)} ms  ${k}`);
  await page.close();
} finally {
  await studio.stop();
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
  if (!values.renderer) rmSync(rendererDir, { recursive: true, force: true });
}
