// Every Mermaid diagram Stormsmith writes parses with the `mermaid` package's own parser: the
// model overview (context map, per-context flows) of the examples and of random valid models,
// the flow in every golden ADR draft, and the picture in `stormsmith diff --format markdown`.
//
// mermaid.parse() runs in Node except for DOMPurify, which mermaid calls to sanitize labels
// and which needs a browser window. Parsing never depends on sanitizing, so the test replaces
// DOMPurify's sanitize with the identity before mermaid loads (same module instance).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import DOMPurify from 'dompurify';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { contextFlowDiagram, contextMapDiagram, modelOverviewMarkdown } from '../../generator/diagrams/mermaid.js';
import { renderMarkdown } from '../../generator/diff/render.js';
import { diffModels } from '../../generator/diff/semantic-diff.js';
import type { Model } from '../../generator/model/types.js';
import { loadExample } from '../generated-project/support.js';
import { validModel } from '../support/valid-models.js';

type Mermaid = { parse: (text: string) => Promise<unknown> };
let mermaid: Mermaid;

beforeAll(async () => {
  const purify = DOMPurify as unknown as { sanitize: (t: unknown) => string; addHook: () => void };
  purify.sanitize = (t) => String(t);
  purify.addHook = () => {};
  mermaid = (await import('mermaid')).default as unknown as Mermaid;
});

/** The parser's verdict: undefined when it parses, else the first line of its error. */
async function parseError(diagram: string): Promise<string | undefined> {
  try {
    await mermaid.parse(diagram);
    return undefined;
  } catch (error) {
    return `${String((error as Error).message).split('\n').slice(0, 4).join(' | ')}\n${diagram}`;
  }
}

const blocks = (markdown: string): string[] => [...markdown.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1]!);

describe('Mermaid diagrams parse with mermaid', () => {
  it('the parser is real: it refuses a broken flowchart', async () => {
    expect(await parseError('flowchart LR\n  a["x"y"] --> b')).toBeDefined();
    expect(await parseError('flowchart LR\n  a["x"] --> b')).toBeUndefined();
  });

  for (const example of ['shop', 'library']) {
    it(`model overview of models/${example}`, async () => {
      const overview = modelOverviewMarkdown(loadExample(example));
      const diagrams = blocks(overview);
      expect(diagrams.length).toBe(loadExample(example).contexts.length + 1);
      for (const d of diagrams) expect(await parseError(d)).toBeUndefined();
    });
  }

  it('the flow in every golden ADR draft', async () => {
    const root = fileURLToPath(new URL('../golden/', import.meta.url));
    const adrs: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const p = path.join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\/docs\/adr\/[^/]+\.md$/.test(p.split(path.sep).join('/'))) adrs.push(p);
      }
    };
    walk(root);
    expect(adrs.length).toBeGreaterThan(0);
    for (const adr of adrs) {
      const diagrams = blocks(readFileSync(adr, 'utf8'));
      expect(diagrams.length, adr).toBe(1);
      expect(await parseError(diagrams[0]!), adr).toBeUndefined();
    }
  });

  it('the diff picture (models/shop with an element renamed, one removed, one rewired)', async () => {
    const before = loadExample('shop');
    const after: Model = loadExample('shop');
    const payments = after.contexts.find((c) => c.name === 'Payments')!;
    payments.policies[0]!.name = 'RenamedPolicy';
    payments.projections = [];
    payments.policies[1]!.issues = [{ ...payments.policies[1]!.issues[0]!, name: 'RefundPayment' }];
    const md = renderMarkdown(diffModels(before, after), 'main', before, after);
    const diagrams = blocks(md);
    expect(diagrams.length).toBe(1);
    expect(await parseError(diagrams[0]!)).toBeUndefined();
  });

  it('context maps and flows of random valid models (fixed seed)', async () => {
    await fc.assert(
      fc.asyncProperty(validModel, async (model) => {
        expect(await parseError(contextMapDiagram(model))).toBeUndefined();
        for (const c of model.contexts) expect(await parseError(contextFlowDiagram(c))).toBeUndefined();
      }),
      { seed: 20261206, numRuns: 30 },
    );
  }, 120_000);
});
