// Where one opening of the board spends its time, as a timeline: navigation, each script and API
// request (start -> end), the canvas's performance marks, and the first and last sticky painted.
//
//   npx tsx bench/canvas-timeline.ts [--board shop|<N stickies>] [--runs 3] [--renderer DIR] [--trace]
//
// Warm-up once (the studio's first read, Chromium's caches), then `runs` openings; each prints its
// timeline in ms since navigation start. --trace also records a Chromium trace of each opening
// and prints the renderer main thread's time by task kind (script, style, layout, paint, GC...)
// from navigation to model ready and from model ready to every sticky painted.
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildRenderer, copyModels, launchBrowser, startStudio } from '../test/e2e/support/studio.js';
import { writeBoard } from './canvas-baseline/synthetic-board.js';
import { PAINT_PROBE } from './canvas-probes.js';

const { values } = parseArgs({ options: { board: { type: 'string', default: 'shop' }, runs: { type: 'string', default: '3' }, renderer: { type: 'string' }, trace: { type: 'boolean', default: false } } });

const rendererDir = values.renderer ?? (await buildRenderer());
const browser = await launchBrowser({ width: 1400, height: 900 }, { bypassCSP: true });
await browser.context.addInitScript(PAINT_PROBE);
const dir = values.board === 'shop' ? copyModels('shop') : writeBoard(Number(values.board));
const studio = await startStudio(dir, rendererDir);
try {
  for (let run = -1; run < Number(values.runs); run++) {
    const page = await browser.context.newPage();
    const cdp = values.trace ? await browser.context.newCDPSession(page) : undefined;
    const metricsCdp = await browser.context.newCDPSession(page);
    await metricsCdp.send('Performance.enable');
    const events: TraceEvent[] = [];
    if (cdp) {
      cdp.on('Tracing.dataCollected', (e) => void events.push(...(e.value as unknown as TraceEvent[])));
      await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8,blink.user_timing,loading', transferMode: 'ReportEvents' });
    }
    await page.goto(studio.url);
    await page.waitForFunction('typeof window.__paintedAll === "number"', null, { timeout: 120_000 });
    await page.waitForTimeout(1500);
    const marks = (await page.evaluate(`(() => ({ origin: performance.timeOrigin, ready: performance.getEntriesByName('stormsmith:model-ready')[0]?.startTime ?? 0, painted: window.__paintedAll }))()`)) as { origin: number; ready: number; painted: number };
    // CPU figures hold up better than wall times on a shared machine: main-thread CPU (ThreadTime) and Blink's own split.
    const metric = Object.fromEntries((await metricsCdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
    const cpu = `main-thread CPU ${(metric.ThreadTime! * 1000).toFixed(0)} ms (script ${(metric.ScriptDuration! * 1000).toFixed(0)}, style ${(metric.RecalcStyleDuration! * 1000).toFixed(0)}, layout ${(metric.LayoutDuration! * 1000).toFixed(0)}, tasks ${(metric.TaskDuration! * 1000).toFixed(0)})`;
    if (cdp) {
      const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
      await cdp.send('Tracing.end');
      await done;
    }
    const rows = (await page.evaluate(`(() => {
      const out = [];
      const nav = performance.getEntriesByType('navigation')[0];
      out.push(['document', nav.requestStart, nav.responseEnd]);
      out.push(['DOMContentLoaded', nav.domContentLoadedEventStart, nav.domContentLoadedEventEnd]);
      for (const r of performance.getEntriesByType('resource')) out.push([r.name.replace(/^https?:\\/\\/[^/]+/, '').replace(/token=[^&]+/, 'token=…').slice(0, 60), r.startTime, r.responseEnd, r.transferSize]);
      for (const m of performance.getEntriesByType('mark')) out.push(['mark ' + m.name, m.startTime]);
      for (const m of performance.getEntriesByType('measure')) out.push(['measure ' + m.name, m.startTime, m.startTime + m.duration]);
      out.push(['first sticky painted', window.__painted]);
      out.push(['all stickies painted', window.__paintedAll]);
      return out.sort((a, b) => a[1] - b[1]);
    })()`)) as [string, number, number?, number?][];
    if (run >= 0) {
      console.log(`run ${run + 1}: ${cpu} to settled`);
      for (const [what, a, b, size] of rows) console.log(`  ${a.toFixed(0).padStart(6)}${b === undefined ? '       ' : ` -${b.toFixed(0).padStart(5)}`}  ${what}${size ? ` (${size} B)` : ''}`);
      if (cdp) summariseTrace(events, marks);
    }
    await page.close();
  }
} finally {
  await studio.stop();
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
  if (!values.renderer) rmSync(rendererDir, { recursive: true, force: true });
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { frame?: string } };
}

/** Main-thread time of the page by event kind, split at model ready and at all painted. */
function summariseTrace(events: TraceEvent[], marks: { origin: number; ready: number; painted: number }): void {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && events.some((x) => x.pid === e.pid && x.name === 'stormsmith:model-ready'));
  if (!main) return void console.log('  (no renderer main thread in the trace)');
  const readyEvent = events.find((e) => e.pid === main.pid && e.name === 'stormsmith:model-ready')!;
  // Trace clock (us) -> page clock (ms since navigation): anchored on the model-ready mark.
  const toPage = (ts: number) => marks.ready + (ts - readyEvent.ts) / 1000;
  const KINDS: Record<string, string> = {
    EvaluateScript: 'script', FunctionCall: 'script', TimerFire: 'script', FireAnimationFrame: 'script', EventDispatch: 'script', 'v8.compile': 'compile', 'v8.compileModule': 'compile', 'v8.evaluateModule': 'script', RunMicrotasks: 'script',
    UpdateLayoutTree: 'style', Layout: 'layout', PrePaint: 'paint', Paint: 'paint', Layerize: 'paint', UpdateLayer: 'paint', CompositeLayers: 'paint', Commit: 'paint',
    ParseHTML: 'html', MinorGC: 'gc', MajorGC: 'gc', 'V8.GC_SCAVENGER': 'gc', 'V8.GC_MARK_COMPACTOR': 'gc', ResourceReceivedData: 'network', ParseAuthorStyleSheet: 'style',
  };
  const phases: [string, number, number][] = [['navigation -> model ready', 0, marks.ready], ['model ready -> all painted', marks.ready, marks.painted]];
  // Only top-level slices: time inside a counted slice is not counted again.
  const slices = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts);
  for (const [label, from, to] of phases) {
    const byKind = new Map<string, number>();
    let openUntil = -Infinity;
    for (const e of slices) {
      const kind = KINDS[e.name];
      if (!kind) continue;
      const start = toPage(e.ts);
      const end = toPage(e.ts + e.dur!);
      if (end <= from || start >= to || start < openUntil) continue;
      openUntil = end;
      byKind.set(kind, (byKind.get(kind) ?? 0) + Math.min(end, to) - Math.max(start, from));
    }
    console.log(`  ${label} (${(to - from).toFixed(0)} ms): ${[...byKind].sort((a, b) => b[1] - a[1]).map(([k, ms]) => `${k} ${ms.toFixed(0)}`).join(', ')}`);
  }
}
