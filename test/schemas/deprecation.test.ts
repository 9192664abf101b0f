// Per-field deprecation (issue 17 item 8): `deprecated: true` or a reason on a field reaches the
// JSON Schema (`deprecated: true`, the reason in the description), the generated types
// (`@deprecated`), and the schema gate, which reports it and lets a released field be marked in
// place while still refusing its removal.
import { describe, expect, it } from 'vitest';
import { schemaToTypeScript } from '../../generator/emit/ts-types.js';
import type { Diagnostic, Model } from '../../generator/model/types.js';
import { evaluateGate } from '../../generator/schemas/gate/evaluate.js';
import { eventJsonSchema } from '../../generator/schemas/json-schema.js';
import { planRelease } from '../../generator/schemas/registry/release.js';
import { emptyRegistry } from '../../generator/schemas/registry/types.js';
import { loadText } from './support/load.js';

const sales = (channel: string): Model =>
  loadText([{ path: 'sales.yaml', text: `stormsmith: 1\ncontext: Sales\naggregates:\n  Order:\n    identity: orderId\nevents:\n  OrderPlaced:\n    aggregate: Order\n    fields:\n      orderId: uuid\n${channel}` }]);
const errors = (ds: Diagnostic[]) => ds.filter((d) => d.severity === 'error').map((d) => d.rule ?? d.code);

const plain = '      channel?: string\n';
const marked = '      channel?:\n        type: string\n        description: Where the order came from.\n        deprecated: use source instead\n';
const flagged = '      channel?: { type: string, deprecated: true }\n';

describe('a deprecated field', () => {
  it('is `deprecated: true` in the JSON Schema, with the reason as the last paragraph of its description', () => {
    const model = sales(marked);
    const schema = eventJsonSchema(model, model.contexts[0]!.events[0]!);
    expect((schema.properties as Record<string, unknown>).channel).toEqual({ type: 'string', description: 'Where the order came from.\n\nDeprecated: use source instead', deprecated: true });
    const bare = sales(flagged);
    expect((eventJsonSchema(bare, bare.contexts[0]!.events[0]!).properties as Record<string, unknown>).channel).toEqual({ type: 'string', deprecated: true });
  });

  it('is tagged @deprecated in the generated type', async () => {
    const model = sales(marked);
    const ts = await schemaToTypeScript(eventJsonSchema(model, model.contexts[0]!.events[0]!), 'OrderPlacedData');
    expect(ts).toContain('  /**\n   * @deprecated\n   * Where the order came from.\n   *\n   * Deprecated: use source instead\n   */\n  channel?: string\n');
  });

  it('may be marked on a released event in place; the gate reports it and still refuses its removal', () => {
    const registry = planRelease(sales(plain), emptyRegistry()).registry;
    const result = evaluateGate(sales(marked), registry);
    expect(errors(result.diagnostics)).toEqual([]);
    const info = result.diagnostics.filter((d) => d.code === 'I_FIELD_DEPRECATED');
    expect(info.map((d) => [d.message, d.line])).toEqual([['OrderPlaced.channel is deprecated (use source instead); released versions carry it, so stored events still hold it', 11]]);
    expect(errors(evaluateGate(sales(''), registry).diagnostics)).toEqual(['PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL']);
  });

  it('before any release the gate says it may simply be removed', () => {
    const [d] = evaluateGate(sales(flagged), emptyRegistry()).diagnostics.filter((x) => x.code === 'I_FIELD_DEPRECATED');
    expect(d!.message).toBe('OrderPlaced.channel is deprecated');
    expect(d!.hint).toContain('may still simply be removed');
  });
});
