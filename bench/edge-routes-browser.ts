// Arrow routing on big boards in the real canvas (issue 14, ADR 0047): `stormsmith studio` over
// the synthetic boards of bench/canvas.ts in headless Chromium. Per run: navigation -> first
// sticky drawn, navigation -> every arrow routed and separated (the board's `stormsmith:routed`
// mark; routing runs in idle slices after the first paint), and pan fps at the opening view
// during 2 s started right after the first sticky (routing in progress) and during 2 s after the
// routed mark (the same board, done): their ratio is what idle routing costs a user panning.
//
//   npx tsx bench/edge-routes-browser.ts [--runs 3] [--sizes 1000,3000]

import { rmSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { buildRenderer, launchBrowser, startStudio } from '../test/e2e/support/studio.js';
import { writeBoard } from './canvas-baseline/synthetic-board.js';
import { PAN } from './canvas-probes.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, sizes: { type: 'string', default: '1000,3000' } } });
const runs = Number(values.runs);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const routedAt = `(() => { const m = performance.getEntriesByName('stormsmith:routed')[0]; return m ? { at: m.startTime, arrows: m.detail.arrows } : null; })()`;

console.log(`cores ${os.cpus().length}, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, ${runs} runs (medians)`);
const rendererDir = await buildRenderer();
const browser = await launchBrowser({ width: 1400, height: 900 }, { bypassCSP: true });
try {
  for (const size of values.sizes!.split(',').map(Number)) {
    const dir = writeBoard(size);
    const studio = await startStudio(dir, rendererDir);
    const first: number[] = [];
    const routed: number[] = [];
    const during: number[] = [];
    const after: number[] = [];
    let arrows = 0;
    let unfinished = 0;
    try {
      for (let r = 0; r < runs; r++) {
        const page = await browser.context.newPage();
        await page.goto(studio.url);
        await page.locator('[data-testid="sticky"]').first().waitFor({ timeout: 120_000 });
        first.push((await page.evaluate('performance.now()')) as number);
        await page.waitForFunction('window.__stormsmithFlow !== undefined', undefined, { timeout: 60_000 });
        const fpsDuring = (await page.evaluate(`(${PAN})('here', false)`)) as number;
        // Was the routing still going on during that pan? (otherwise "during" measured nothing)
        if ((await page.evaluate(routedAt)) !== null) unfinished++;
        during.push(fpsDuring);
        await page.waitForFunction(routedAt, undefined, { timeout: 300_000 });
        const mark = (await page.evaluate(routedAt)) as { at: number; arrows: number };
        routed.push(mark.at);
        arrows = mark.arrows;
        after.push((await page.evaluate(`(${PAN})('here', false)`)) as number);
        await page.close();
      }
    } finally {
      await studio.stop();
      rmSync(dir, { recursive: true, force: true });
    }
    console.log(
      `${size} stickies, ${arrows} arrows routed: first sticky ${median(first).toFixed(0)} ms, all routed ${median(routed).toFixed(0)} ms after navigation; ` +
        `pan fps while routing ${median(during).toFixed(0)} vs after ${median(after).toFixed(0)} (ratio ${(median(during) / median(after)).toFixed(2)})` +
        (unfinished ? `; in ${unfinished} of ${runs} runs routing had finished before the first pan ended` : ''),
    );
  }
} finally {
  await browser.close();
  rmSync(rendererDir, { recursive: true, force: true });
}
console.log(`load after ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
