// Canvas benchmark (issues 14 and 20): the real board served by `stormsmith studio` against bare
// React Flow in its best configuration, rendering the SAME nodes, in the same headless Chromium
// and the same run (runs interleaved, so machine load affects both alike).
//
//   npx tsx bench/canvas.ts [--runs 5] [--sizes 3000] [--no-shop] [--before DIR]
//
// --before DIR: also measure another build of the canvas (e.g. main's, built with
// `STORMSMITH_RENDERER_OUT=DIR npx vite build --config app/renderer/vite.config.ts` in its
// checkout), served by this checkout's studio, in the same interleaved runs: before/after on one
// machine state. (Its studio opens the folder second, so read-only: only the top bar differs.)
//
// Boards: synthetic models of N stickies in contexts of 100 (bench/canvas-baseline/
// synthetic-board.ts) and the shop example. The bare page (bench/canvas-baseline) gets the
// board's own nodes and edges (the real model -> graph step, run here in Node: positions, sizes,
// `handles`), the viewport the board opened at, and a pane of the board's size. Per run:
//   first render  model ready (files read, parsed, validated; for the bare page: JSON parsed)
//                 -> every sticky in view painted (two animation frames after the last one
//                 entered the DOM)
//   open          navigation start -> every sticky in view painted
//   CPU           renderer main-thread task time from navigation to settled (CDP TaskDuration)
//   thread CPU    renderer main-thread CPU time from navigation to settled (CDP ThreadTime):
//                 unlike wall times, hardly moved by other processes on a shared machine
//   fps           requestAnimationFrame callbacks during 2 s of programmatic pan (+-10% zoom)
//                 at the opening view and zoomed to fit
// Printed: medians of the runs, the ratio to the bare page, cores and load average before and
// after each board. Goals: 3000 stickies first render <= 1.5x bare, pan >= 35 fps; opening the
// shop <= 1.5x the bare page.

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { toGraph } from '../app/renderer/model/graph.js';
import { loadModel } from '../generator/model/index.js';
import { buildRenderer, copyModels, launchBrowser, REPO, startStudio, type Browser } from '../test/e2e/support/studio.js';
import { writeBoard } from './canvas-baseline/synthetic-board.js';
import { PAINT_PROBE, PAN } from './canvas-probes.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, sizes: { type: 'string', default: '3000' }, 'no-shop': { type: 'boolean', default: false }, before: { type: 'string' } } });
const RUNS = Number(values.runs);
const SIZES = values.sizes ? values.sizes.split(',').filter(Boolean).map(Number) : [];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

interface Sample {
  firstMs: number;
  openMs: number;
  cpuMs: number;
  threadMs: number;
  nodes: number;
  fpsOpen: number;
  fpsFit: number;
}

interface View {
  x: number;
  y: number;
  zoom: number;
  w: number;
  h: number;
}

/** Build the bare React Flow page and serve it (and the boards' JSON) on 127.0.0.1. */
async function serveBaseline(): Promise<{ url: string; server: Server; dir: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stormsmith-baseline-'));
  const { build } = await import('vite');
  const react = (await import('@vitejs/plugin-react')).default;
  await build({ configFile: false, root: path.join(REPO, 'bench/canvas-baseline'), base: './', plugins: [react()], logLevel: 'error', build: { outDir: dir, emptyOutDir: true } });
  const server = createServer((req, res) => {
    const name = path.normalize(new URL(req.url ?? '/', 'http://x').pathname).replace(/^[/\\]+/, '') || 'index.html';
    const file = path.join(dir, name);
    if (!file.startsWith(dir)) return void res.writeHead(403).end();
    const type = file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : file.endsWith('.json') ? 'application/json' : 'text/html';
    const stream = createReadStream(file);
    stream.on('error', () => res.writeHead(404).end());
    stream.once('open', () => res.writeHead(200, { 'content-type': type }));
    stream.pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}/index.html`, server, dir };
}

/** The board's nodes and edges exactly as the canvas builds them (minus model data the bare page does not need). */
function boardJson(dir: string): string {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => ({ path: f, text: readFileSync(path.join(dir, f), 'utf8') }));
  const graph = toGraph(loadModel(files).model!);
  const nodes = graph.nodes.map((n) => ({
    id: n.id,
    type: n.type,
    position: n.position,
    width: n.width,
    height: n.height,
    ...(n.handles ? { handles: n.handles } : {}),
    ...(n.measured ? { measured: n.measured } : {}),
    ...(n.zIndex !== undefined ? { zIndex: n.zIndex } : {}),
    data: { label: n.type === 'frame' ? n.data.context : n.data.name },
  }));
  const edges = graph.edges.map((e) => ({ id: e.id, source: e.source, target: e.target, style: e.style, markerEnd: e.markerEnd }));
  return JSON.stringify({ nodes, edges });
}

async function settle(page: Page): Promise<void> {
  await page.waitForFunction('typeof window.__paintedAll === "number" && !!window.__stormsmithFlow', null, { timeout: 180_000 });
  // Settled: no new node for a second.
  let last = -1;
  for (;;) {
    const now = (await page.evaluate('window.__paintedAll')) as number;
    if (now === last) return;
    last = now;
    await page.waitForTimeout(1000);
  }
}

async function sample(browser: Browser, url: string, readView: boolean): Promise<{ sample: Sample; view?: View }> {
  process.stderr.write(`  sample ${url.replace(/token=[^&]+/, 'token=…')}\n`);
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(url);
  await settle(page);
  const metrics = (await cdp.send('Performance.getMetrics')).metrics;
  const cpu = metrics.find((m) => m.name === 'TaskDuration')!.value;
  const thread = metrics.find((m) => m.name === 'ThreadTime')!.value;
  const t = (await page.evaluate(`(() => {
    const ready = performance.getEntriesByName('stormsmith:model-ready')[0];
    return { all: window.__paintedAll, ready: ready ? ready.startTime : 0, nodes: window.__paintedCount };
  })()`)) as { all: number; ready: number; nodes: number };
  let view: View | undefined;
  if (readView) {
    const vp = (await page.evaluate('window.__stormsmithFlow.getViewport()')) as { x: number; y: number; zoom: number };
    const box = (await page.locator('.react-flow').first().boundingBox())!;
    view = { ...vp, w: Math.round(box.width), h: Math.round(box.height) };
  }
  const fpsOpen = (await page.evaluate(`(${PAN})('open', true)`)) as number;
  const fpsFit = (await page.evaluate(`(${PAN})('fit', true)`)) as number;
  await page.close();
  return { sample: { firstMs: t.all - t.ready, openMs: t.all, cpuMs: cpu * 1000, threadMs: thread * 1000, nodes: t.nodes, fpsOpen, fpsFit }, view };
}

const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

async function measureBoard(name: string, dir: string, browser: Browser, rendererDir: string, baseline: { url: string; dir: string }): Promise<string[]> {
  writeFileSync(path.join(baseline.dir, `board-${name}.json`), boardJson(dir));
  const studio = await startStudio(dir, rendererDir);
  const studioBefore = values.before ? await startStudio(dir, values.before) : undefined;
  const loadBefore = load();
  const ours: Sample[] = [];
  const bare: Sample[] = [];
  const before: Sample[] = [];
  try {
    // One warm-up of each (Chromium's caches, the studio's first read), not counted.
    const warm = await sample(browser, studio.url, true);
    const v = warm.view!;
    const bareUrl = `${baseline.url}?board=${name}&x=${v.x}&y=${v.y}&zoom=${v.zoom}&w=${v.w}&h=${v.h}`;
    await sample(browser, bareUrl, false);
    if (studioBefore) await sample(browser, studioBefore.url, false);
    for (let run = 0; run < RUNS; run++) {
      ours.push((await sample(browser, studio.url, false)).sample);
      bare.push((await sample(browser, bareUrl, false)).sample);
      if (studioBefore) before.push((await sample(browser, studioBefore.url, false)).sample);
    }
  } finally {
    await studio.stop();
    await studioBefore?.stop();
  }
  const m = (xs: Sample[], k: keyof Sample) => median(xs.map((s) => s[k]));
  const row = (what: string, xs: Sample[], withRatio: boolean) => {
    const ratio = (k: keyof Sample) => (m(xs, k) / m(bare, k)).toFixed(2);
    return (
    `| ${name} | ${what} | ${m(xs, 'firstMs').toFixed(0)} ms${withRatio ? ` (${ratio('firstMs')}x)` : ''} | ${m(xs, 'openMs').toFixed(0)} ms${withRatio ? ` (${ratio('openMs')}x)` : ''} | ${m(xs, 'cpuMs').toFixed(0)} ms | ${m(xs, 'threadMs').toFixed(0)} ms${withRatio ? ` (${ratio('threadMs')}x)` : ''} | ${m(xs, 'fpsOpen').toFixed(0)} | ${m(xs, 'fpsFit').toFixed(0)} | ${m(xs, 'nodes').toFixed(0)} |`
    );
  };
  const lines = [row('stormsmith', ours, true), ...(before.length > 0 ? [row('stormsmith (--before build)', before, true)] : []), row('bare React Flow', bare, false)];
  const runs = (xs: Sample[], k: keyof Sample) => xs.map((s) => s[k].toFixed(0)).join(' ');
  const detail = `  ${name}: load average before ${loadBefore}, after ${load()}; first render runs ${runs(ours, 'firstMs')} vs ${runs(bare, 'firstMs')} ms${before.length > 0 ? ` (before: ${runs(before, 'firstMs')})` : ''}; open runs ${runs(ours, 'openMs')} vs ${runs(bare, 'openMs')} ms${before.length > 0 ? ` (before: ${runs(before, 'openMs')})` : ''}`;
  console.log([...lines, detail].join('\n'));
  return [...lines, detail];
}

async function main(): Promise<void> {
  const rendererDir = await buildRenderer();
  const browser = await launchBrowser({ width: 1400, height: 900 }, { bypassCSP: true });
  await browser.context.addInitScript(PAINT_PROBE);
  const baseline = await serveBaseline();
  const out: string[] = [];
  console.log(`${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), load average ${load()}; medians of ${RUNS} runs, interleaved`);
  try {
    const boards: [string, () => string][] = [...SIZES.map((n) => [`${n}`, () => writeBoard(n)] as [string, () => string]), ...(values['no-shop'] ? [] : [['shop', () => copyModels('shop')] as [string, () => string]])];
    for (const [name, make] of boards) {
      const dir = make();
      try {
        out.push(...(await measureBoard(name, dir, browser, rendererDir, baseline)));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    await browser.close();
    baseline.server.close();
    rmSync(baseline.dir, { recursive: true, force: true });
    rmSync(rendererDir, { recursive: true, force: true });
  }
  console.log(`\nheadless Chromium, software rendering (--disable-gpu), medians of ${RUNS} runs; ratio to bare React Flow in brackets`);
  console.log('| board | page | first render (model ready -> all in view painted) | open (navigation -> all in view painted) | renderer CPU (to settled) | main-thread CPU (to settled) | pan fps (opening view) | pan fps (fit) | nodes in DOM |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const l of out) console.log(l);
}

await main();
