// Renaming a field in the canvas's field editor rewrites the policies' `with:` entries that name
// it (issue 17 leftover), through `stormsmith studio` in Chromium: the shop's OrderPlaced.total
// feeds Payments' RequestPaymentForNewOrder (`amount: total`); renamed to `orderTotal` on the
// board and saved, the policy in payments.yaml says `amount: orderTotal`, in one undo step.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { formatFieldSource, loadContextFile } from '../../generator/model/index.js';
import { openExample } from './support/board.js';
import { useBoardSession } from './support/board-session.js';
import { sticky } from './support/locators.js';

const session = useBoardSession();

const dirty = (page: Page) => page.getByTestId('dirty-state').getAttribute('data-dirty');
const mapping = (file: string) =>
  Object.fromEntries(
    loadContextFile({ path: file, text: readFileSync(file, 'utf8') })
      .context!.policies.find((p) => p.name === 'RequestPaymentForNewOrder')!
      .with!.map((w) => [w.field, formatFieldSource(w.source)]),
  );

it('renaming an event field on the board rewrites the with: path of the policy that reads it, and saves both files', async () => {
  const board = await openExample(session, 'shop', 'OrderPlaced');
  const { page, dir, errors } = board;
  try {
    await sticky(page, 'OrderPlaced').click();
    const fields = page.getByTestId('fields-Fields');
    const names = fields.getByTestId('field-name');
    const values = await names.evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    const row = names.nth(values.indexOf('total'));
    await row.fill('orderTotal');
    await row.press('Enter');
    await expect.poll(() => dirty(page)).toBe('yes');
    await page.getByTestId('save').click();
    await expect.poll(() => dirty(page)).toBe('no');

    expect(mapping(path.join(dir, 'payments.yaml'))).toEqual({ paymentId: '$newId', amount: 'orderTotal' });
    const ordering = loadContextFile({ path: 'ordering.yaml', text: readFileSync(path.join(dir, 'ordering.yaml'), 'utf8') }).context!;
    expect(ordering.events.find((e) => e.name === 'OrderPlaced')!.fields.map((f) => f.name)).toContain('orderTotal');

    // One undo step takes both back.
    await page.getByTestId('undo').click();
    await page.getByTestId('save').click();
    await expect.poll(() => dirty(page)).toBe('no');
    expect(mapping(path.join(dir, 'payments.yaml'))).toEqual({ paymentId: '$newId', amount: 'total' });
    expect(errors).toEqual([]);
  } finally {
    await board.close();
  }
}, 180_000);
