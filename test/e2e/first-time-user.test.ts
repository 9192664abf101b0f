// Issue 14: a first-time user, from an empty folder, only with the canvas (keyboard and mouse),
// builds a small two-context model with a policy across them, saves, generates from the
// Generation panel, and the generated service type-checks. The only file written by hand is the
// one-line stormsmith.config.json the Generation panel asks for.
//
// With UPDATE_SCREENSHOTS=1 the test also writes docs/screenshots/workshop-*.png.

import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { runTool } from '../generated-project/support.js';
import { emptyBoard, openBoard } from './support/board.js';
import { useBoardSession } from './support/board-session.js';
import { addField, connect } from './support/gestures.js';
import { sticky } from './support/locators.js';
import { GENERATION_TIMEOUT_MS } from './support/patience.js';
import { REPO } from './support/studio.js';

const session = useBoardSession({ width: 1500, height: 950 });

async function shot(page: Page, name: string): Promise<void> {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return;
  await page.waitForTimeout(200);
  await page.screenshot({ path: path.join(REPO, 'docs/screenshots', `${name}.png`) });
}

/** Add a sticky with its palette key and give it a name in the property panel. */
async function add(page: Page, key: string, placeholder: string, name: string): Promise<void> {
  await page.locator('body').press(key);
  await sticky(page, placeholder).waitFor();
  const input = page.getByTestId('prop-name');
  await input.fill(name);
  await input.press('Enter');
  await sticky(page, name).waitFor();
}

async function newContext(page: Page, name: string): Promise<void> {
  const input = page.getByTestId('name-dialog-input');
  await input.fill(name);
  await input.press('Enter');
  await page.locator(`[data-testid="frame"][data-context="${name}"]`).waitFor();
}

/** An arrow from the sticky named `from` to the one named `to` is on the board. */
async function arrowDrawn(page: Page, from: string, to: string): Promise<boolean> {
  return page.locator('.react-flow__edge').evaluateAll((els, [f, t]) => els.some((e) => new RegExp(`/${f}->.*/${t}$`).test(e.getAttribute('data-id') ?? '')), [from, to] as const);
}

/**
 * What a user sees of a finished model: both frames, every sticky settled (none marked draft, no
 * error badge; a warning badge only where `warnings` says), and the Problems tab lists exactly
 * those warnings, no error.
 */
async function expectSettledBoard(page: Page, contexts: string[], names: string[], warnings: string[]): Promise<void> {
  for (const c of contexts) expect(await page.locator(`[data-testid="frame"][data-context="${c}"]`).count(), `frame ${c} on the board`).toBe(1);
  await expect.poll(() => page.locator('[data-testid="sticky"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-name')).sort())).toEqual([...names].sort());
  const marks = () =>
    page.locator('[data-testid="sticky"]').evaluateAll((els) =>
      els.flatMap((e) => {
        const badge = e.querySelector('[data-testid="badge"]');
        const draft = e.getAttribute('data-draft') === 'yes' ? [`${e.getAttribute('data-name')}: draft`] : [];
        return badge ? [...draft, `${e.getAttribute('data-name')}: ${badge.classList.contains('error') ? 'error' : 'warning'}: ${badge.getAttribute('title')}`] : draft;
      }),
    );
  await expect.poll(marks, { message: 'stickies marked draft or carrying a problem badge' }).toEqual(warnings.map((w) => `${w.split(' ')[0]}: warning: ${w.slice(w.indexOf(' ') + 1)}`));
  await page.getByTestId('tab-problems').click();
  await expect
    .poll(() => page.getByTestId('problem').evaluateAll((els) => els.map((e) => `${e.querySelector('.sev')?.textContent} ${e.querySelector('code')?.textContent}`)), { message: 'what the Problems tab lists' })
    .toEqual(warnings.map(() => expect.stringMatching(/^warning W_/)));
  expect(await page.getByTestId('problem-count').textContent()).toBe(`0 errors, ${warnings.length} warnings`);
}

/** Empty the selection so the next sticky lands in the context in view. */
async function clearSelection(page: Page): Promise<void> {
  await page.locator('.react-flow__pane').click({ position: { x: 8, y: 8 } });
}

describe('first-time user', () => {
  it('builds two contexts with a policy across them, saves, generates from the panel; the service type-checks', { timeout: 600_000 }, async () => {
    const repo = mkdtempSync(path.join(os.tmpdir(), 'stormsmith-first-'));
    const dir = path.join(repo, 'models', 'shop');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(repo, 'stormsmith.config.json'), `${JSON.stringify({ model: 'models/shop', out: 'services/shop' }, null, 2)}\n`);
    const board = await openBoard(session, dir, { cleanup: repo, ready: emptyBoard });
    const { page, errors } = board;
    try {
      await shot(page, 'workshop-empty');

      // Big picture: a context and its events, still drafts.
      await page.getByTestId('empty-new-context').click();
      await newContext(page, 'Sales');
      await add(page, 'e', 'NewDomainEvent', 'OrderPlaced');
      expect(await sticky(page, 'OrderPlaced').getAttribute('data-draft')).toBe('yes');
      await shot(page, 'workshop-big-picture');

      // Process and design: who decides, what is recorded.
      await add(page, 'a', 'NewAggregate', 'Order');
      await add(page, 'c', 'NewCommand', 'PlaceOrder');
      await connect(page, 'Order', 'OrderPlaced');
      await connect(page, 'PlaceOrder', 'Order');
      await connect(page, 'PlaceOrder', 'OrderPlaced');
      await expect.poll(() => sticky(page, 'OrderPlaced').getAttribute('data-draft')).toBe(null);
      await addField(page, 'PlaceOrder', 'orderId', 'uuid');
      await addField(page, 'OrderPlaced', 'orderId', 'uuid');
      await page.getByTestId('prop-published').check();

      // A second context reacts to the first one's event through a policy.
      await page.getByTestId('menu-Board').click();
      await page.getByTestId('action-board.newContext').click();
      await newContext(page, 'Shipping');
      await clearSelection(page);
      await add(page, 'a', 'NewAggregate', 'Shipment');
      await add(page, 'c', 'NewCommand', 'ShipOrder');
      await add(page, 'e', 'NewDomainEvent', 'OrderShipped');
      await add(page, 'p', 'NewPolicy', 'ShipWhenPlaced');
      await connect(page, 'Shipment', 'OrderShipped');
      await connect(page, 'ShipOrder', 'Shipment');
      await connect(page, 'ShipOrder', 'OrderShipped');
      await connect(page, 'ShipWhenPlaced', 'ShipOrder');
      await addField(page, 'ShipOrder', 'shipmentId', 'uuid');
      await addField(page, 'OrderShipped', 'shipmentId', 'uuid');
      // Across the two frames: fit both, then draw the arrow.
      await clearSelection(page);
      await page.locator('body').press('f');
      await connect(page, 'OrderPlaced', 'ShipWhenPlaced');
      await expectSettledBoard(page, ['Sales', 'Shipping'], ['OrderPlaced', 'Order', 'PlaceOrder', 'Shipment', 'ShipOrder', 'OrderShipped', 'ShipWhenPlaced'], [
        // The one warning a two-context sketch keeps: nothing reads the last event yet.
        'OrderShipped no policy or projection consumes event OrderShipped',
      ]);
      // The policy's arrow crosses from one frame to the other.
      await expect.poll(() => arrowDrawn(page, 'OrderPlaced', 'ShipWhenPlaced'), { message: 'the arrow from Sales.OrderPlaced to the policy ShipWhenPlaced is drawn' }).toBe(true);
      await shot(page, 'workshop-two-contexts');

      await page.locator('body').press('Control+s');
      await expect.poll(() => page.getByTestId('dirty-state').getAttribute('data-dirty')).toBe('no');
      const shipping = readFileSync(path.join(dir, 'shipping.yaml'), 'utf8');
      expect(shipping).toMatch(/relationships:\n {2}- context: Sales\n {4}kind: customer-supplier/);
      expect(shipping).toMatch(/"on": \[Sales\.OrderPlaced\]/);

      // Generate from the panel.
      await page.getByTestId('tab-generation').click();
      await page.getByTestId('generation-preview').click();
      await expect.poll(() => page.getByTestId('generation-file').count(), { timeout: GENERATION_TIMEOUT_MS }).toBeGreaterThan(0);
      await page.getByTestId('generation-run').click();
      await expect.poll(() => page.getByTestId('generation-last-run').getAttribute('data-written'), { timeout: GENERATION_TIMEOUT_MS }).not.toBe(null);
      expect(Number(await page.getByTestId('generation-last-run').getAttribute('data-written'))).toBeGreaterThan(0);
      await shot(page, 'workshop-generated');
      expect(errors).toEqual([]);

      // The generated service type-checks with its own tsconfig.
      const out = path.join(repo, 'services', 'shop');
      symlinkSync(path.join(REPO, 'node_modules'), path.join(out, 'node_modules'), 'dir');
      const tsc = runTool(out, 'tsc', ['-p', 'tsconfig.json']);
      expect(tsc.output).toBe('');
      expect(tsc.status).toBe(0);
    } finally {
      await board.close();
    }
  });
});
