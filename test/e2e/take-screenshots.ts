// Screenshots of every example board for the docs: `npx tsx test/e2e/take-screenshots.ts`.
// Writes docs/screenshots/<example>.png (not part of `npm test`: it changes tracked files).
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { buildRenderer, copyModels, launchBrowser, REPO, startStudio } from './support/studio.js';

const examples = readdirSync(path.join(REPO, 'models'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const rendererDir = await buildRenderer();
const browser = await launchBrowser({ width: 1600, height: 1000 });
try {
  for (const example of examples) {
    const dir = copyModels(example);
    const studio = await startStudio(dir, rendererDir);
    const page = await browser.context.newPage();
    await page.goto(studio.url);
    await page.locator('[data-testid="sticky"]').first().waitFor();
    // Arrows are routed around the stickies once the board is idle (ADR 0043): wait for them.
    const routed = () => page.waitForFunction(() => document.querySelectorAll('.react-flow__edge-path[data-routed="no"]').length === 0, null, { timeout: 30_000 });
    await routed();
    await page.waitForTimeout(300);
    const out = path.join(REPO, 'docs/screenshots', `${example}.png`);
    await page.screenshot({ path: out });
    console.log(`wrote ${path.relative(REPO, out)}`);
    // A closer look: jump to the first aggregate (search centres it at 100% and selects it).
    const aggregate = await page.locator('[data-testid="sticky"][data-kind="aggregate"]').first().getAttribute('data-name');
    if (aggregate) {
      await page.keyboard.press('Control+f');
      await page.getByTestId('search-input').fill(aggregate);
      await page.getByTestId('search-input').press('Enter');
    }
    await routed();
    await page.waitForTimeout(300);
    const detail = path.join(REPO, 'docs/screenshots', `${example}-detail.png`);
    await page.screenshot({ path: detail });
    console.log(`wrote ${path.relative(REPO, detail)}`);
    await page.close();
    await studio.stop();
    rmSync(dir, { recursive: true, force: true });
  }
} finally {
  await browser.close();
  rmSync(rendererDir, { recursive: true, force: true });
}
