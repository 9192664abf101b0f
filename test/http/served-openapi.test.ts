// Issue 13: a deployment started with CONTEXTS=<subset> serves an OpenAPI document of the routes it
// answers only (src/http/servedApi.ts, copied from templates/runtime). Checked on the shop's full
// document for every subset of its contexts: exactly the served contexts' paths, exactly the
// component schemas they reach (each $ref resolves, none left unused), valid for a real OpenAPI
// validator, and the same document whatever order CONTEXTS lists the contexts in.

import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { openApiForContexts } from '../../templates/runtime/src/http/servedApi.js';
import { planExample } from '../generated-project/support.js';

type Doc = { paths: Record<string, unknown>; components: { schemas: Record<string, unknown> }; info: { description: string }; 'x-contexts'?: string[] };

const refsIn = (value: unknown): string[] => [...JSON.stringify(value).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);

/**
 * Every schema reachable from the paths and from the schemas of the contexts `prefixes` names
 * (`Shipping.PrepareShipment`: a command's schema is listed though its route inlines it), computed
 * independently of the module under test.
 */
const reachable = (doc: Doc, full: Doc, prefixes: string[]): Set<string> => {
  const seen = new Set<string>();
  let frontier = [...refsIn(doc.paths), ...Object.keys(full.components.schemas).filter((name) => prefixes.includes(name.split('.')[0]!))];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const name of frontier) {
      if (seen.has(name)) continue;
      seen.add(name);
      next.push(...refsIn(full.components.schemas[name]));
    }
    frontier = next;
  }
  return seen;
};

const subsets = <T,>(items: readonly T[]): T[][] => items.reduce<T[][]>((acc, item) => [...acc, ...acc.map((s) => [...s, item])], [[]]).filter((s) => s.length > 0);

describe('the OpenAPI document of a deployment running some contexts', async () => {
  const files = await planExample('shop');
  const full = JSON.parse(files.get('docs/openapi.json')!.contents) as Doc;
  const settings = files.get('src/settings.ts')!.contents;
  const contextIds = JSON.parse(`[${/export const contextIds = \[(.*)\] as const;/.exec(settings)![1]!.replaceAll("'", '"')}]`) as string[];

  it('the shop has three contexts, each with routes and schemas of its own', () => {
    expect(contextIds).toEqual(['ordering', 'payments', 'shipping']);
    for (const id of contextIds) expect(Object.keys(full.paths).some((p) => p.startsWith(`/${id}/`)), id).toBe(true);
  });

  it.each(subsets(['ordering', 'payments', 'shipping']).map((s) => [s.join(',')]))('CONTEXTS=%s: its paths, the schemas they reach, valid OpenAPI', async (list) => {
    const served = list.split(',');
    const doc = openApiForContexts(full as unknown as Record<string, unknown>, contextIds, served) as unknown as Doc;
    expect(Object.keys(doc.paths)).toEqual(Object.keys(full.paths).filter((p) => served.includes(p.split('/')[1]!)));
    const prefixes = served.map((id) => id[0]!.toUpperCase() + id.slice(1));
    expect(Object.keys(doc.components.schemas)).toEqual(Object.keys(full.components.schemas).filter((name) => reachable(doc, full, prefixes).has(name)));
    for (const name of refsIn(doc)) expect(doc.components.schemas[name], name).toBeDefined();
    for (const [name, schema] of Object.entries(doc.components.schemas)) expect(schema).toEqual(full.components.schemas[name]);
    expect(doc['x-contexts']).toEqual(contextIds.filter((id) => served.includes(id)));
    const result = await new Validator().validate(doc as unknown as Record<string, unknown>);
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 2)).toEqual([]);
    // The order CONTEXTS names them in changes nothing, to the byte.
    expect(JSON.stringify(openApiForContexts(full as unknown as Record<string, unknown>, contextIds, [...served].reverse()))).toBe(JSON.stringify(doc));
  });

  it('CONTEXTS=shipping: none of the sales contexts\' operations or schemas', () => {
    const doc = openApiForContexts(full as unknown as Record<string, unknown>, contextIds, ['shipping']) as unknown as Doc;
    expect(Object.keys(doc.paths).length).toBeGreaterThan(0);
    expect(Object.keys(doc.paths).filter((p) => !p.startsWith('/shipping/'))).toEqual([]);
    expect(Object.keys(doc.components.schemas).filter((s) => s.startsWith('Ordering.') || s.startsWith('Payments.'))).toEqual([]);
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['Problem', 'CommandAccepted', 'Shipping.PrepareShipment']));
    expect(doc.info.description).toContain('This deployment runs the contexts shipping (CONTEXTS)');
    // All contexts served: the full document, as before.
    expect(openApiForContexts(full as unknown as Record<string, unknown>, contextIds, contextIds)).toMatchObject({ paths: full.paths, components: full.components });
  });
});
