// What a user does with the mouse and keyboard on the board, step by step like a user (React Flow
// starts a drag only after the pointer moved a little), waiting on conditions, never on sleeps.

import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { sticky } from './locators.js';

/**
 * A handle's box once the board holds still: right after a key press (F fits the view) the
 * viewport moves on a later frame, and under load a box read too early sends the drag to where
 * the handle was (seen once: the cross-context arrow silently not drawn).
 */
export async function settledBox(page: Page, name: string, handle: 'handle-out' | 'handle-in') {
  const locator = sticky(page, name).locator(`[data-testid="${handle}"]`);
  let box = await locator.boundingBox();
  for (let i = 0; i < 40; i++) {
    await page.waitForTimeout(50);
    const next = await locator.boundingBox();
    if (box && next && next.x === box.x && next.y === box.y && next.width === box.width) return next;
    box = next;
  }
  return box;
}

/** Drag from the outgoing handle of `from` to the incoming handle of `to`. */
export async function connect(page: Page, from: string, to: string): Promise<void> {
  const source = await settledBox(page, from, 'handle-out');
  const target = await settledBox(page, to, 'handle-in');
  if (!source || !target) throw new Error(`handles of ${from} or ${to} not visible`);
  await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
  await page.mouse.down();
  await page.mouse.move((source.x + target.x) / 2, (source.y + target.y) / 2, { steps: 5 });
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 5 });
  await page.mouse.up();
}

/** A slow, stepped mouse drag from a screen point by an offset. */
export async function drag(page: Page, from: { x: number; y: number }, by: { x: number; y: number }): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + by.x / 2, from.y + by.y / 2, { steps: 5 });
  await page.mouse.move(from.x + by.x, from.y + by.y, { steps: 5 });
  await page.mouse.up();
}

/** Save with the keyboard and wait for a clean board (failing with the notice the board showed). */
export async function save(page: Page): Promise<void> {
  await page.locator('body').press('Control+s');
  try {
    await expect.poll(() => page.getByTestId('dirty-state').getAttribute('data-dirty')).toBe('no');
  } catch (error) {
    const notice = await page.getByTestId('notice').textContent().catch(() => null);
    throw new Error(`not saved; notice: ${notice}; state: ${await page.getByTestId('dirty-state').textContent()}`, { cause: error });
  }
}

/**
 * Select a sticky and add a field in its property panel (name, type, Enter); resolves with the
 * panel's Fields list, whose last row is the new field.
 */
export async function addField(page: Page, element: string, name: string, type: string) {
  await sticky(page, element).click();
  const fields = page.getByTestId('fields-Fields');
  await fields.getByTestId('field-add').click();
  await fields.getByTestId('field-name').last().fill(name);
  await fields.getByTestId('field-type').last().fill(type);
  await fields.getByTestId('field-type').last().press('Enter');
  return fields;
}
