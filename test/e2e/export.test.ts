// The SVG export as Chromium draws it (issue 14, ADR 0048): every sticky's text (kind, name,
// subtitle) stays inside its sticky, for both examples and for long names, long words and wide
// capitals; the PNG is this SVG rasterised. Measured with the real font, not estimated.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardToSvg } from '../../app/renderer/model/export-svg.js';
import { toGraph } from '../../app/renderer/model/graph.js';
import { loadModel } from '../../generator/model/index.js';
import { launchBrowser, REPO, type Browser } from './support/studio.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const LONG_NAMES = `stormsmith: 1
context: Billing
aggregates:
  SubscriptionBillingAccountWithRegionalTaxRules:
    identity: accountId
commands:
  RecalculateOutstandingSubscriptionBalancesForAllRegions:
    aggregate: SubscriptionBillingAccountWithRegionalTaxRules
    fields: { accountId: uuid }
    emits: [WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW]
events:
  WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW:
    aggregate: SubscriptionBillingAccountWithRegionalTaxRules
    fields: { accountId: uuid }
  MMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMM:
    aggregate: SubscriptionBillingAccountWithRegionalTaxRules
    fields: { accountId: uuid }
  HTTPSWebhookDeliveryToExternalAccountingSystemFailed:
    aggregate: SubscriptionBillingAccountWithRegionalTaxRules
    fields: { accountId: uuid }
`;

function boards(): [string, string][] {
  const example = (name: string): [string, string] => {
    const dir = path.join(REPO, 'models', name);
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => ({ path: f, text: readFileSync(path.join(dir, f), 'utf8') }));
    return [name, boardToSvg(toGraph(loadModel(files).model!))];
  };
  return [example('library'), example('shop'), ['long names', boardToSvg(toGraph(loadModel([{ path: 'billing.yaml', text: LONG_NAMES }]).model!))]];
}

describe('SVG export in Chromium', () => {
  it.each(boards())('keeps the text of every sticky of %s inside the sticky', { timeout: 60_000 }, async (_name, svg) => {
    const page = await browser.context.newPage();
    try {
      await page.setContent(`<!doctype html><body style="margin:0">${svg}</body>`);
      const spills = await page.evaluate(() =>
        [...document.querySelectorAll('g.sticky')].flatMap((g) => {
          const box = g.querySelector('rect')!.getBBox();
          return [...g.querySelectorAll('text')].flatMap((t) => {
            const b = t.getBBox();
            if (t.textContent === '') return [];
            const inside = b.x >= box.x && b.y >= box.y && b.x + b.width <= box.x + box.width && b.y + b.height <= box.y + box.height;
            return inside ? [] : [`${g.getAttribute('data-id')}: "${t.textContent}" ${Math.round(b.x + b.width - box.x - box.width)} px past the right, ${Math.round(b.y + b.height - box.y - box.height)} px past the bottom`];
          });
        }),
      );
      expect(spills).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
