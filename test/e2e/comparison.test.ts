// Comparison mode in real Chromium through the real `stormsmith studio --against main`, on the
// scripted change to a copy of models/shop in a temporary git repository (test/support/shop-change.ts:
// a command added, an event published, a field renamed with a version bump, and a projection
// removed): the marks land on the right stickies, the legend says what the diff says, and the
// mode can be left and entered again from the command palette.

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scriptedShopChange, type ShopChange } from '../support/shop-change.js';
import { useBoardSession } from './support/board-session.js';
import { STEP_TIMEOUT_MS } from './support/patience.js';
import { startStudio, type Studio } from './support/studio.js';

const session = useBoardSession();
let shop: ShopChange;
let studio: Studio;

// One studio for the file, on the scripted change (after the session's renderer and browser).
beforeAll(async () => {
  shop = scriptedShopChange({ removeProjection: true });
  studio = await startStudio(shop.dir, session.rendererDir, ['--against', 'main']);
});

afterAll(async () => {
  await studio?.stop();
  shop?.cleanup();
});

/** name -> mark of every sticky that carries one (ghosts included). */
async function marks(page: Page): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const el of await page.locator('[data-testid="sticky"][data-compare]').all()) {
    out[(await el.getAttribute('data-name'))!] = (await el.getAttribute('data-compare'))!;
  }
  return out;
}

const EXPECTED = {
  ChangeShippingAddress: 'added',
  ShippingAddressChanged: 'added',
  OrderCancelled: 'changed',
  OrderShipped: 'changed',
  OrderStatus: 'removed',
};

describe('comparison mode (studio --against)', () => {
  it('opens with the changes against main marked on the right stickies, with a legend', async () => {
    const page = await session.browser.context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      expect(studio.url).toMatch(/&against=main$/);
      await page.goto(studio.url);
      await page.locator('[data-testid="compare-legend"][data-status="on"]').waitFor();
      expect(await page.getByTestId('compare-ref').textContent()).toBe('main');
      expect(await page.getByTestId('compare-headline').textContent()).toBe('2 added, 1 removed, 2 changed, 1 newly published');
      // Every sticky rendered: the whole board in view (stickies outside the view are not drawn).
      await page.locator('body').press('f');
      await expect.poll(() => marks(page)).toEqual(EXPECTED);
      // The ghost is drawn as one (and is not a board element); an unchanged sticky has no mark.
      expect(await page.locator('[data-testid="sticky"][data-name="OrderStatus"]').getAttribute('class')).toMatch(/\bghost\b/);
      expect(await page.locator('[data-testid="sticky"][data-name="PlaceOrder"]').getAttribute('data-compare')).toBeNull();
      // Close up, the sticky says what the diff says, and new arrows are marked.
      await page.locator('body').press('Control+f');
      await page.getByTestId('search-input').fill('OrderCancelled');
      await page.getByTestId('search-input').press('Enter');
      const cancelled = page.locator('[data-testid="sticky"][data-name="OrderCancelled"]');
      await expect.poll(() => cancelled.locator('[data-testid="compare-tag"]').textContent()).toBe('~ changed');
      expect(await cancelled.getAttribute('title')).toContain('field reason renamed to cancellationReason');
      await expect.poll(() => page.locator('.react-flow__edge.compare-added').count()).toBeGreaterThan(0);
      await expect.poll(() => page.locator('.react-flow__edge.compare-removed').count()).toBeGreaterThan(0);

      // Leave the mode: no marks, no ghost; the board is the board.
      await page.getByTestId('compare-leave').click();
      await expect.poll(() => page.getByTestId('compare-legend').count()).toBe(0);
      await page.locator('body').press('f');
      await expect.poll(() => page.locator('[data-testid="sticky"][data-compare]').count()).toBe(0);
      expect(await page.locator('[data-testid="sticky"][data-name="OrderStatus"]').count()).toBe(0);

      // Back in from the command palette: an unknown revision is refused in the dialog, main works.
      await page.locator('body').press('Control+k');
      await page.getByTestId('command-input').fill('compare with git');
      await page.getByTestId('command-input').press('Enter');
      await page.getByTestId('name-dialog-input').fill('no-such-branch');
      await page.getByTestId('name-dialog-ok').click();
      await expect.poll(() => page.getByTestId('name-dialog-error').textContent()).toMatch(/Cannot compare with no-such-branch/);
      await page.getByTestId('name-dialog-input').fill('main');
      await page.getByTestId('name-dialog-ok').click();
      await page.locator('[data-testid="compare-legend"][data-status="on"]').waitFor();
      await expect.poll(() => marks(page)).toEqual(EXPECTED);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('Rename (F2) from the action registry puts the keyboard in the property panel\'s name field', async () => {
    // The action host focuses the field through a ref the panel hands over (issue 16: no DOM lookup by test id).
    const page = await session.browser.context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    try {
      await page.goto(studio.url);
      await page.locator('[data-testid="compare-legend"][data-status="on"]').waitFor();
      await page.getByTestId('compare-leave').click();
      await page.locator('body').press('Control+f');
      await page.getByTestId('search-input').fill('PlaceOrder');
      await page.getByTestId('search-input').press('Enter');
      await expect.poll(() => page.getByTestId('prop-name').inputValue()).toBe('PlaceOrder');
      await page.locator('body').press('F2');
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('prop-name');
    } finally {
      await page.close();
    }
  });
});

