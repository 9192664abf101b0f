// The comparison-mode screenshot of docs/diff.md: `npx tsx test/e2e/take-comparison-screenshot.ts`.
// The scripted shop change (test/support/shop-change.ts, with the projection removed) in a
// temporary git repository, opened with `stormsmith studio --against main`, the Ordering context
// in view. Writes docs/screenshots/shop-compare.png (not part of `npm test`: it changes a tracked file).
import { rmSync } from 'node:fs';
import path from 'node:path';
import { scriptedShopChange } from '../support/shop-change.js';
import { buildRenderer, launchBrowser, REPO, startStudio } from './support/studio.js';

const rendererDir = await buildRenderer();
const browser = await launchBrowser({ width: 1600, height: 1000 });
const shop = scriptedShopChange({ removeProjection: true });
const studio = await startStudio(shop.dir, rendererDir, ['--against', 'main']);
try {
  const page = await browser.context.newPage();
  await page.goto(studio.url);
  await page.locator('[data-testid="compare-legend"][data-status="on"]').waitFor();
  // The Ordering frame, where the change is: centre on it through search, then zoom out to fit it.
  await page.keyboard.press('Control+f');
  await page.getByTestId('search-input').fill(process.argv[2] ?? 'Order');
  await page.getByTestId('search-input').press('Enter');
  for (let i = 0; i < Number(process.argv[3] ?? 2); i++) await page.keyboard.press('Control+-');
  // A click on the empty board drops the search's selection (and its arrow labels).
  await page.mouse.click(200, 770);
  await page.mouse.move(5, 500);
  await page.waitForTimeout(400);
  const out = path.join(REPO, 'docs/screenshots', 'shop-compare.png');
  await page.screenshot({ path: out });
  console.log(`wrote ${path.relative(REPO, out)}`);
} finally {
  await studio.stop();
  await browser.close();
  shop.cleanup();
  rmSync(rendererDir, { recursive: true, force: true });
}
