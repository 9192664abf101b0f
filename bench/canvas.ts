// Canvas benchmark: first render and pan/zoom frames per second of the real board (stickies,
// arrows, frames, badges) in headless Chromium, served by `stormsmith studio`.
//
//   npx tsx bench/canvas.ts [--runs 5] [--sizes 200,1000,3000]
//
// Boards are synthetic models of N stickies in contexts of 100 (one YAML file + layout sidecar
// each, laid out on a grid). For each size and view (100% zoom, zoomed to fit) it reports medians:
//   board ms  model ready (files read, parsed, validated) -> first stickies painted: the React
//             Flow part, comparable with the bare React Flow figure of performance.md
//   open ms   navigation start -> first stickies painted (HTTP, YAML, validation included)
//   fps       requestAnimationFrame callbacks during 2 s of programmatic pan + zoom
//   in DOM    sticky elements React Flow rendered (onlyRenderVisibleElements)
// Reference on this machine (performance.md): bare React Flow, 3000 nodes, visible-only with
// sizes known: 456 ms first render, 52 fps. Goal: within 1.5x, and >= 30 fps at 1000 fit.

import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildRenderer, launchBrowser, REPO, startStudio } from '../test/e2e/support/studio.js';
import { writeBoard } from './canvas-baseline/synthetic-board.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, sizes: { type: 'string', default: '200,1000,3000' } } });
const RUNS = Number(values.runs);
const SIZES = values.sizes!.split(',').map(Number);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

interface Sample {
  boardMs: number;
  openMs: number;
  fps: number;
  inDom: number;
}

// Records when the first sticky reaches the screen (two frames after it enters the DOM).
const PAINT_PROBE = `
  new MutationObserver((_, obs) => {
    if (!document.querySelector('[data-testid="sticky"]')) return;
    obs.disconnect();
    requestAnimationFrame(() => requestAnimationFrame(() => { window.__painted = performance.now(); }));
  }).observe(document, { childList: true, subtree: true });
`;

const MEASURE_OPEN = `(() => {
  const ready = performance.getEntriesByName('stormsmith:model-ready')[0];
  return { openMs: window.__painted, boardMs: window.__painted - (ready ? ready.startTime : 0) };
})()`;

/** Programmatic pan + zoom for 2 s; frames counted with requestAnimationFrame. */
const PAN_ZOOM = `async (view) => {
  const flow = window.__stormsmithFlow;
  if (view === '100%') flow.setViewport({ x: 0, y: 0, zoom: 1 });
  else await flow.fitView();
  await new Promise((r) => setTimeout(r, 300));
  const start = flow.getViewport();
  let frames = 0;
  const t0 = performance.now();
  await new Promise((done) => {
    const step = (now) => {
      const t = (now - t0) / 1000;
      // Pan back and forth and breathe the zoom by +-10%: every frame moves the view.
      flow.setViewport({ x: start.x - 300 * Math.sin(t * 2), y: start.y - 150 * Math.sin(t * 3), zoom: start.zoom * (1 + 0.1 * Math.sin(t * 4)) });
      frames++;
      if (now - t0 < 2000) requestAnimationFrame(step);
      else done();
    };
    requestAnimationFrame(step);
  });
  const seconds = (performance.now() - t0) / 1000;
  return { fps: frames / seconds, inDom: document.querySelectorAll('[data-testid="sticky"]').length };
}`;

/** Build the bare React Flow page (bench/canvas-baseline) and serve it on 127.0.0.1. */
async function serveBaseline(): Promise<{ url: string; server: Server; dir: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stormsmith-baseline-'));
  const { build } = await import('vite');
  const react = (await import('@vitejs/plugin-react')).default;
  await build({ configFile: false, root: path.join(REPO, 'bench/canvas-baseline'), base: './', plugins: [react()], logLevel: 'error', build: { outDir: dir, emptyOutDir: true } });
  const server = createServer((req, res) => {
    const file = path.join(dir, path.normalize(new URL(req.url ?? '/', 'http://x').pathname).replace(/^[/\\]+/, '') || 'index.html');
    if (!file.startsWith(dir)) return void res.writeHead(403).end();
    const type = file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : 'text/html';
    const stream = createReadStream(file.endsWith(path.sep) || file === dir ? path.join(dir, 'index.html') : file);
    stream.on('error', () => res.writeHead(404).end());
    stream.once('open', () => res.writeHead(200, { 'content-type': type }));
    stream.pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}/index.html`, server, dir };
}

async function measure(browser: Awaited<ReturnType<typeof launchBrowser>>, url: string, view: '100%' | 'fit'): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (let run = 0; run < RUNS; run++) {
    const page = await browser.context.newPage();
    await page.goto(url);
    await page.waitForFunction("typeof window.__painted === 'number' && !!window.__stormsmithFlow", null, { timeout: 120_000 });
    // Plain JS strings: tsx would inject helpers that do not exist in the page.
    const { openMs, boardMs } = (await page.evaluate(MEASURE_OPEN)) as { openMs: number; boardMs: number };
    const result = (await page.evaluate(`(${PAN_ZOOM})(${JSON.stringify(view)})`)) as { fps: number; inDom: number };
    samples.push({ boardMs, openMs, ...result });
    await page.close();
  }
  return samples;
}

const row = (what: string, size: number, view: string, samples: Sample[]) =>
  `| ${what} | ${size} | ${view} | ${median(samples.map((s) => s.boardMs)).toFixed(0)} ms | ${median(samples.map((s) => s.openMs)).toFixed(0)} ms | ${median(samples.map((s) => s.fps)).toFixed(0)} | ${median(samples.map((s) => s.inDom)).toFixed(0)} |`;

async function main(): Promise<void> {
  const rendererDir = await buildRenderer();
  const browser = await launchBrowser({ width: 1400, height: 900 }, { bypassCSP: true });
  await browser.context.addInitScript(PAINT_PROBE);
  const rows: string[] = [];
  const baseline = await serveBaseline();
  try {
    for (const size of SIZES) {
      const dir = writeBoard(size);
      const studio = await startStudio(dir, rendererDir);
      try {
        for (const view of ['100%', 'fit'] as const) {
          const board = await measure(browser, studio.url, view);
          const bare = await measure(browser, `${baseline.url}?n=${size}`, view);
          const lines = [row('stormsmith', size, view, board), row('bare React Flow', size, view, bare)];
          rows.push(...lines);
          console.log(lines.join('\n'));
        }
      } finally {
        await studio.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    await browser.close();
    baseline.server.close();
    rmSync(baseline.dir, { recursive: true, force: true });
    rmSync(rendererDir, { recursive: true, force: true });
  }
  console.log(`\nStormsmith board, headless Chromium (${CHROMIUM_NOTE}), medians of ${RUNS} runs`);
  console.log('| board | stickies | view | first render (model ready -> painted) | open (navigation -> painted) | pan/zoom fps | stickies in DOM |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
}

const CHROMIUM_NOTE = 'software rendering, --disable-gpu';

await main();
