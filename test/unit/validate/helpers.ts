// Shared helpers for the rule tests: models are written as YAML snippets and loaded through the
// real loader, so the positions asserted are the positions a user sees.
import { expect } from 'vitest';
import { loadModel } from '../../../generator/model/load.js';
import type { Diagnostic, Model } from '../../../generator/model/types.js';
import { validateModel } from '../../../generator/model/validate/index.js';

export type Files = Record<string, string>;

/** A context file: the `stormsmith: 1` / `context:` header plus the given body. */
export function ctx(name: string, body: string): string {
  return `stormsmith: 1\ncontext: ${name}\n${dedent(body)}`;
}

/** Removes the common indentation of a template literal (first blank line dropped). */
export function dedent(text: string): string {
  const lines = text.replace(/^\n/, '').split('\n');
  const indents = lines.filter((l) => l.trim().length > 0).map((l) => l.match(/^ */)![0].length);
  const cut = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join('\n');
}

/** Loads files that must load without errors (the rules under test are semantic). */
export function load(files: Files): Model {
  const result = loadModel(Object.entries(files).map(([path, text]) => ({ path, text })));
  const error = result.diagnostics.find((d) => d.severity === 'error');
  if (error) throw new Error(`the snippet must load cleanly: ${error.file}:${error.line}:${error.col}: ${error.code} ${error.message}`);
  return result.model!;
}

/** Diagnostics of one rule only. */
export function check(ruleId: string, files: Files): Diagnostic[] {
  return validateModel(load(files), { rules: [ruleId] });
}

/**
 * 1-based position of the `nth` (1-based) occurrence of `needle` in `text`. A `|` in the needle
 * marks the expected column inside it: `from: [A, |B]` is the position of B in that list.
 */
export function posOf(text: string, needle: string, nth = 1): { line: number; col: number } {
  const marker = needle.indexOf('|');
  if (marker !== -1) {
    const at = posOf(text, needle.slice(0, marker) + needle.slice(marker + 1), nth);
    return { line: at.line, col: at.col + marker };
  }
  let index = -1;
  for (let i = 0; i < nth; i++) {
    index = text.indexOf(needle, index + 1);
    if (index === -1) throw new Error(`"${needle}" (occurrence ${nth}) not in the snippet`);
  }
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  return { line, col: index - before.lastIndexOf('\n') };
}

/** Asserts one diagnostic at the position of `needle` in `file`. */
export function expectAt(d: Diagnostic | undefined, files: Files, file: string, needle: string, nth = 1): void {
  expect(d).toBeDefined();
  expect({ file: d!.file, ...{ line: d!.line, col: d!.col } }).toEqual({ file, ...posOf(files[file]!, needle, nth) });
}

/**
 * A small model that is clean under every rule: the baseline each rule test starts from, and the
 * passing case of every rule.
 */
export const CLEAN: Files = {
  'sales.yaml': ctx(
    'Sales',
    `
    actors:
      Clerk: { description: Sells at the counter. }
    externalSystems:
      Till:
        emits: [CashCounted]
    valueObjects:
      Money:
        fields: { amount: int, currency: string }
    aggregates:
      Sale:
        identity: saleId
        state: { total: Money }
    commands:
      OpenSale:
        aggregate: Sale
        actor: Clerk
        fields: { saleId: uuid, total: Money }
        emits: [SaleOpened]
        rejects: [SaleAlreadyOpen]
      CloseSale:
        aggregate: Sale
        fields: { saleId: uuid }
        emits: [SaleClosed]
    events:
      SaleOpened:
        aggregate: Sale
        version: 1
        fields: { saleId: uuid, total: Money }
      SaleClosed:
        aggregate: Sale
        fields: { saleId: uuid }
      CashCounted:
        source: Till
        fields: { saleId: uuid, counted: Money }
    policies:
      CloseWhenCounted: { on: [CashCounted], issues: [CloseSale] }
    projections:
      OpenSales:
        from: [SaleOpened, SaleClosed]
        key: saleId
        fields: { saleId: uuid, total: Money }
        consistency: eventual
        lagTarget: 2s
    specs:
      - name: a sale opens
        when: { command: OpenSale, data: { saleId: 00000000-0000-4000-8000-000000000001, total: { amount: 5, currency: EUR } } }
        then:
          - event: SaleOpened
            data: { saleId: 00000000-0000-4000-8000-000000000001, total: { amount: 5, currency: EUR } }
      - name: a sale opens once
        given:
          - event: SaleOpened
            data: { saleId: 00000000-0000-4000-8000-000000000001, total: { amount: 5, currency: EUR } }
        when: { command: OpenSale, data: { saleId: 00000000-0000-4000-8000-000000000001, total: { amount: 5, currency: EUR } } }
        then: { rejects: SaleAlreadyOpen }
    `,
  ),
};

/** CLEAN with one file's text transformed (`replace(from, to)` must match). */
export function variant(edit: (text: string) => string, file = 'sales.yaml', base: Files = CLEAN): Files {
  const text = base[file]!;
  const edited = edit(text);
  if (edited === text) throw new Error('variant: the edit changed nothing');
  return { ...base, [file]: edited };
}
