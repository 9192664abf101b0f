// generator/model/stormsmith.schema.json: the file-format schema editors use
// (`# yaml-language-server: $schema=…`). It must accept every example model and everything the
// serializer writes, and reject unknown keys like the loader does.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AjvModule from 'ajv';
import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { serializeContext } from '../../../generator/model/index.js';
import { boundedContext } from '../../support/model-arbitraries.js';
import { HEADER, load } from './helpers.js';

const Ajv = (AjvModule as unknown as { default?: typeof AjvModule }).default ?? AjvModule;
const root = fileURLToPath(new URL('../../../', import.meta.url));
const schema = JSON.parse(readFileSync(join(root, 'generator/model/stormsmith.schema.json'), 'utf8'));
// strictRequired off: `oneOf: [{ required: [aggregate] }, { required: [source] }]` names properties defined one level up.
const ajv = new Ajv({ strict: true, strictRequired: false, allErrors: true, allowUnionTypes: true });
const validate = ajv.compile(schema);

function modelFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? modelFiles(join(dir, e.name)) : e.name.endsWith('.yaml') && !e.name.endsWith('.layout.yaml') ? [join(dir, e.name)] : [],
  );
}

const valid = (text: string) => {
  const ok = validate(parse(text));
  return ok ? [] : validate.errors!.map((e) => `${e.instancePath} ${e.message}`);
};

describe('stormsmith.schema.json', () => {
  it('is draft-07 with descriptions and closed objects everywhere', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    const open: string[] = [];
    const undescribed: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (!node || typeof node !== 'object') return;
      const n = node as Record<string, unknown>;
      if (n.properties && n.additionalProperties !== false) open.push(path);
      if (n.properties) for (const [k, v] of Object.entries(n.properties as object)) if (!(v as { description?: string; $ref?: string }).description && !(v as { $ref?: string }).$ref) undescribed.push(`${path}.${k}`);
      for (const [k, v] of Object.entries(n)) walk(v, `${path}/${k}`);
    };
    walk(schema, '#');
    expect(open).toEqual([]);
    expect(undescribed).toEqual([]);
  });

  const files = modelFiles(join(root, 'models'));
  it('there are example models to check', () => expect(files.length).toBeGreaterThan(0));
  for (const file of files) {
    it(`accepts ${file.slice(root.length)}`, () => {
      expect(valid(readFileSync(file, 'utf8'))).toEqual([]);
    });
  }

  it.each([
    ['top level', `${HEADER}evnets: {}\n`],
    ['aggregate', `${HEADER}aggregates:\n  Loan: { identity: id, identiy: x }\n`],
    ['command', `${HEADER}commands:\n  C: { aggregate: A, emit: [X] }\n`],
    ['long field', `${HEADER}valueObjects:\n  V: { fields: { a: { type: int, descripton: x } } }\n`],
    ['spec', `${HEADER}specs:\n  - { name: s, when: { command: C }, then: [], extra: 1 }\n`],
    ['architecture', `${HEADER}architecture: { eventStore: { choice: x, reason: y } }\n`],
  ])('rejects an unknown key in a %s, like the loader', (_where, text) => {
    expect(valid(text).join('\n')).toContain('must NOT have additional properties');
    expect(load(text).diagnostics.map((d) => d.code)).toContain('E_UNKNOWN_FIELD');
  });

  it.each([
    ['wrong version', 'stormsmith: 2\ncontext: X\n'],
    ['event with aggregate and source', `${HEADER}events:\n  E: { aggregate: A, source: S }\n`],
    ['bad short type', `${HEADER}valueObjects:\n  V: { fields: { a: "enum(x y)" } }\n`],
    ['reserved key', `${HEADER}actors:\n  __proto__: {}\n`],
    ['bad consistency', `${HEADER}projections:\n  P: { from: [A], key: k, consistency: sometimes }\n`],
  ])('rejects %s, like the loader', (_what, text) => {
    expect(valid(text)).not.toEqual([]);
    expect(load(text).ok).toBe(false);
  });

  it('accepts everything the serializer writes (fast-check, fixed seed)', () => {
    fc.assert(
      fc.property(boundedContext, (ctx) => {
        expect(valid(serializeContext(ctx))).toEqual([]);
      }),
      { seed: 707, numRuns: 100 },
    );
  });
});
