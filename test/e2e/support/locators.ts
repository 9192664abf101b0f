// Where the board's parts are in the page (the test ids and data attributes the canvas renders).

import type { Page } from 'playwright-core';

/** A sticky by its name. */
export const sticky = (page: Page, name: string) => page.locator(`[data-testid="sticky"][data-name="${name}"]`);

/** A bounded-context frame by its context's name. */
export const frame = (page: Page, context: string) => page.locator(`[data-testid="frame"][data-context="${context}"]`);
