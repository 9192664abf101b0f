// Field deprecation and value constraints edited on the canvas (issue 17, items 7 and 8): the
// property panel's "⋯" behind a field opens its long-form details; what is set there is saved as
// the long form in the YAML, read back on reload, and a value that is not a number is refused.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { loadContextFile } from '../../generator/model/index.js';
import { openExample } from './support/board.js';
import { useBoardSession } from './support/board-session.js';
import { addField } from './support/gestures.js';
import { sticky } from './support/locators.js';

const session = useBoardSession();

const dirty = (page: Page) => page.getByTestId('dirty-state').getAttribute('data-dirty');

it('sets a field deprecated with a reason and a maxLength, saves the long form, and reads it back', async () => {
  const board = await openExample(session, 'library', 'BorrowBook');
  const { page, dir, errors } = board;
  try {
    const fields = await addField(page, 'BorrowBook', 'note', 'string');
    await fields.getByTestId('field-optional').last().check();

    await fields.getByTestId('field-more').last().click();
    const details = fields.getByTestId('field-details');
    // Not a number: refused with the reason, nothing written to the model.
    await details.getByTestId('field-constraint-maxLength').fill('eighty');
    await details.getByTestId('field-constraint-maxLength').press('Enter');
    await expect.poll(() => fields.getByTestId('field-error').textContent()).toContain('maxLength of "note" must be a number');
    await details.getByTestId('field-constraint-maxLength').fill('80');
    await details.getByTestId('field-constraint-maxLength').press('Enter');
    await details.getByTestId('field-deprecated').check();
    await details.getByTestId('field-deprecated-reason').fill('use remarks');
    await details.getByTestId('field-deprecated-reason').press('Enter');
    expect(await fields.getByTestId('field-error').count()).toBe(0);

    await expect.poll(() => dirty(page)).toBe('yes');
    await page.getByTestId('save').click();
    await expect.poll(() => dirty(page)).toBe('no');
    const file = path.join(dir, 'lending.yaml');
    const text = readFileSync(file, 'utf8');
    const note = loadContextFile({ path: file, text }).context?.commands.find((c) => c.name === 'BorrowBook')?.fields.find((f) => f.name === 'note');
    expect(note && { optional: note.optional, deprecated: note.deprecated, constraints: note.constraints }).toEqual({
      optional: true,
      deprecated: 'use remarks',
      constraints: { maxLength: 80 },
    });

    // Reloaded from disk, the details show what was saved; switching deprecation off removes it.
    await page.reload();
    await sticky(page, 'BorrowBook').click();
    await fields.getByTestId('field-more').last().click();
    expect(await details.getByTestId('field-constraint-maxLength').inputValue()).toBe('80');
    expect(await details.getByTestId('field-deprecated-reason').inputValue()).toBe('use remarks');
    await details.getByTestId('field-deprecated').uncheck();
    await expect.poll(() => dirty(page)).toBe('yes');
    await page.getByTestId('save').click();
    await expect.poll(() => dirty(page)).toBe('no');
    const after = loadContextFile({ path: file, text: readFileSync(file, 'utf8') }).context?.commands.find((c) => c.name === 'BorrowBook')?.fields.find((f) => f.name === 'note');
    expect(after?.deprecated).toBeUndefined();
    expect(after?.constraints).toEqual({ maxLength: 80 });
    expect(errors).toEqual([]);
  } finally {
    await board.close();
  }
}, 180_000);
