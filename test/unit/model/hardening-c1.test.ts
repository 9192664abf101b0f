// hardening.md C1: every input hazard of YAML model files becomes a positioned diagnostic.
// One `describe` per checklist row; the row number is in the title.
import { describe, expect, it } from 'vitest';
import { emptyContext, loadModel, serializeContext } from '../../../generator/model/index.js';
import { codes, HEADER, load, only, positionOf } from './helpers.js';

describe('C1.1 billion laughs', () => {
  const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i <= 9; i++) {
    const prev = String.fromCharCode(96 + i);
    const name = String.fromCharCode(97 + i);
    levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
  }
  const text = `${HEADER}description: x\n${levels.join('\n')}\n`;

  it('reports E_YAML_ALIAS at the first alias without expanding anything', () => {
    const result = load(text);
    expect(result.ok).toBe(false);
    const aliases = result.diagnostics.filter((d) => d.code === 'E_YAML_ALIAS' && d.message.startsWith('alias'));
    expect(aliases.length).toBeGreaterThan(0);
    expect(aliases[0]).toMatchObject(positionOf(text, '*a'));
    // capped: hostile input cannot flood the output either
    expect(result.diagnostics.length).toBeLessThanOrEqual(201);
  });
});

describe('C1.2 any anchor or alias', () => {
  const text = `${HEADER}aggregates:\n  Loan: &defaults\n    identity: loanId\n  Other: *defaults\n`;
  it('reports the anchor and the alias with positions', () => {
    const result = load(text);
    const found = result.diagnostics.filter((d) => d.code === 'E_YAML_ALIAS');
    expect(found.map((d) => d.message)).toEqual([expect.stringContaining('anchor &defaults'), expect.stringContaining('alias *defaults')]);
    expect(found[1]).toMatchObject(positionOf(text, '*defaults'));
    expect(found[0]!.hint).toContain('anchors and aliases are not supported in model files');
    expect(found[0]).toMatchObject(positionOf(text, '&defaults'));
  });
});

describe('C1.3 duplicate key', () => {
  const text = `${HEADER}events:\n  OrderPlaced:\n    aggregate: Order\n  Other:\n    source: X\n  OrderPlaced:\n    aggregate: Order\n`;
  it('points at the second occurrence and names the first', () => {
    const d = only(load(text).diagnostics, 'E_DUPLICATE_KEY');
    const first = positionOf(text, 'OrderPlaced', 0);
    expect(d).toMatchObject(positionOf(text, 'OrderPlaced', 1));
    expect(d.message).toBe(`duplicate key "OrderPlaced" (first at ${first.line}:${first.col})`);
    expect(d.related).toEqual([{ file: 'm.yaml', ...first }]);
    expect(d.hint).toBeTruthy();
  });
  it('also inside nested maps', () => {
    const nested = `${HEADER}aggregates:\n  Loan:\n    identity: a\n    identity: b\n`;
    expect(only(load(nested).diagnostics, 'E_DUPLICATE_KEY')).toMatchObject(positionOf(nested, 'identity', 1));
  });
});

describe('C1.5 __proto__, constructor, prototype', () => {
  for (const key of ['__proto__', 'constructor', 'prototype']) {
    it(`rejects "${key}" as element name, field name and data key, leaving prototypes alone`, () => {
      const text =
        `${HEADER}aggregates:\n  ${key}:\n    identity: x\n  Loan:\n    identity: loanId\n    state:\n      ${key}: { type: string }\n` +
        `specs:\n  - name: s\n    when: { command: C, data: { ${key}: { polluted: true } } }\n    then: []\n`;
      const result = load(text);
      const reserved = result.diagnostics.filter((d) => d.code === 'E_RESERVED_KEY');
      expect(reserved).toHaveLength(3);
      expect(reserved[0]).toMatchObject(positionOf(text, key, 0));
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.getPrototypeOf({})).toBe(Object.prototype);
      const ctx = result.model!.contexts[0]!;
      expect(ctx.aggregates.map((a) => a.name)).toEqual(['Loan']);
      expect(ctx.aggregates[0]!.state).toEqual([]);
      const data = ctx.specs[0]!.when.data;
      expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
      expect(Object.keys(data)).toEqual([]);
    });
  }
});

describe('C1.6 unknown and dangerous tags', () => {
  for (const tag of ['!!js/function', '!!python/object/apply', '!Ref', '!!binary', '!!set', '!!omap', '!!timestamp']) {
    it(`${tag} -> E_UNSUPPORTED_TAG at the tag`, () => {
      const text = `${HEADER}description: ${tag} aGVsbG8=\n`;
      const d = only(load(text).diagnostics, 'E_UNSUPPORTED_TAG');
      expect(d.severity).toBe('error');
      expect(d.line).toBe(3);
      expect(d.col).toBe(positionOf(text, tag).col);
    });
  }
});

describe('C1.7 merge key', () => {
  it('`<<` is an unknown field, never merged', () => {
    const text = `${HEADER}aggregates:\n  Loan:\n    <<: { identity: loanId }\n`;
    const result = load(text);
    const d = only(result.diagnostics, 'E_UNKNOWN_FIELD');
    expect(d).toMatchObject(positionOf(text, '<<'));
    expect(d.message).toContain('<<');
    // not merged: the aggregate still misses its identity
    expect(codes(result.diagnostics)).toContain('E_MISSING_FIELD');
  });
});

describe('C1.8 scalar coercion', () => {
  const cases: [string, string][] = [
    ['null', 'null'],
    ['true', 'boolean true'],
    ['1.10', 'number 1.10'],
    ['0x1F', 'number 0x1F'],
    ['.inf', 'number .inf'],
    ['2026-01-01', ''],
  ];
  for (const [value, got] of cases) {
    it(`description: ${value}`, () => {
      const text = `${HEADER}description: ${value}\n`;
      const result = load(text);
      if (got === '') {
        // YAML 1.2 core schema: dates are strings, nothing to report
        expect(result.diagnostics).toEqual([]);
        expect(result.model!.contexts[0]!.description).toBe(value);
        return;
      }
      const d = only(result.diagnostics, 'E_TYPE');
      expect(d).toMatchObject(positionOf(text, value, 0));
      expect(d.message).toContain(`expected a string for "description", got ${got}`);
      if (value !== 'null') expect(d.hint).toBe(`quote it: "${value}"`);
    });
  }
  it('`no` and `yes` are strings in YAML 1.2', () => {
    expect(load(`${HEADER}description: no\n`).model!.contexts[0]!.description).toBe('no');
  });
  it('version: 1.0 and 0x1 are not whole numbers as written', () => {
    for (const v of ['1.0', '0x1', '1e0']) {
      const text = `${HEADER}events:\n  A:\n    source: S\n    version: ${v}\n`;
      expect(only(load(text).diagnostics, 'E_TYPE')).toMatchObject(positionOf(text, v));
    }
  });
  it('the message follows the checklist wording', () => {
    const d = only(load(`${HEADER}description: 1.1\n`).diagnostics, 'E_TYPE');
    expect(d.message).toBe('expected a string for "description", got number 1.1 — quote it');
  });
});

describe('C1.9 integer-like keys keep their order', () => {
  it('fields and previous versions come back in file order', () => {
    const text = `${HEADER}valueObjects:\n  V:\n    fields:\n      b: int\n      "10": int\n      "2": int\nevents:\n  E:\n    source: S\n    version: 3\n    previousVersions:\n      2: { upcast: custom }\n      1: { upcast: custom }\n`;
    const result = load(text);
    expect(result.diagnostics).toEqual([]);
    const ctx = result.model!.contexts[0]!;
    expect(ctx.valueObjects[0]!.fields.map((f) => f.name)).toEqual(['b', '10', '2']);
    expect(ctx.events[0]!.previousVersions.map((v) => v.version)).toEqual([2, 1]);
    // and on save
    const saved = serializeContext(ctx);
    expect(saved).toContain('      b: int\n      "10": int\n      "2": int\n');
    const again = load(saved).model!.contexts[0]!;
    expect(again.valueObjects[0]!.fields.map((f) => f.name)).toEqual(['b', '10', '2']);
    expect(again.events[0]!.previousVersions.map((v) => v.version)).toEqual([2, 1]);
  });
});

describe('C1.10 multiple documents', () => {
  it('E_MULTIPLE_DOCS at the second ---', () => {
    const text = `---\n${HEADER}---\ncontext: Other\n`;
    const d = only(load(text).diagnostics, 'E_MULTIPLE_DOCS');
    expect(d).toMatchObject(positionOf(text, '---', 1));
  });
});

describe('C1.11 encoding', () => {
  const encode = (s: string) => new TextEncoder().encode(s);
  it('accepts a UTF-8 BOM and counts columns without it', () => {
    const text = `\uFEFF${HEADER}descripton: x\n`;
    const result = loadModel([{ path: 'm.yaml', text: '', bytes: new Uint8Array([0xef, 0xbb, 0xbf, ...encode(text.slice(1))]) }]);
    expect(result.model!.contexts[0]!.name).toBe('Lending');
    expect(only(result.diagnostics, 'E_UNKNOWN_FIELD')).toMatchObject({ line: 3, col: 1 });
    // line 1 with a BOM: `stormsmith` starts in column 1 as editors show it
    const bad = load(`\uFEFFstormsmith: 2\ncontext: X\n`);
    expect(only(bad.diagnostics, 'E_FORMAT_VERSION')).toMatchObject({ line: 1, col: 13 });
  });
  it('accepts CRLF line endings', () => {
    const text = HEADER.replace(/\n/g, '\r\n') + 'actors:\r\n  Member:\r\n    description: "a\r\n      b"\r\n';
    const result = load(text);
    expect(result.diagnostics).toEqual([]);
    expect(result.model!.contexts[0]!.actors[0]).toMatchObject({ name: 'Member', description: 'a b', loc: { line: 4, col: 3 } });
  });
  it('invalid UTF-8 -> E_ENCODING at the byte', () => {
    const bytes = new Uint8Array([...encode(`${HEADER}description: ab`), 0xc3, 0x28, ...encode('\n')]);
    const d = only(loadModel([{ path: 'm.yaml', text: '', bytes }]).diagnostics, 'E_ENCODING');
    expect(d).toMatchObject({ line: 3, col: 16 });
  });
  it('UTF-16 -> E_ENCODING "model files must be UTF-8"', () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...HEADER].flatMap((c) => [c.charCodeAt(0), 0])]);
    const d = only(loadModel([{ path: 'm.yaml', text: '', bytes: utf16 }]).diagnostics, 'E_ENCODING');
    expect(d.message).toContain('model files must be UTF-8');
    const withoutBom = `${HEADER}`.replace(/./gs, (c) => `${c}\u0000`);
    expect(codes(load(withoutBom).diagnostics)).toEqual(['E_ENCODING']);
  });
  it('tab indentation -> E_YAML_SYNTAX with a hint about tabs', () => {
    const text = `${HEADER}actors:\n\tMember: {}\n`;
    const result = load(text);
    const d = result.diagnostics.find((x) => x.code === 'E_YAML_SYNTAX')!;
    expect(d).toBeDefined();
    expect(d.line).toBe(4);
    expect(d.hint).toContain('tabs');
  });
});

describe('C1.12 deep nesting', () => {
  it('10 000 [ -> E_TOO_DEEP, no stack overflow', () => {
    const text = `${HEADER}description: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`;
    const result = load(text);
    expect(result.ok).toBe(false);
    expect(codes(result.diagnostics)).toContain('E_TOO_DEEP');
  });
  it('deep block nesting (maps by indentation, nested lists) -> one E_TOO_DEEP', () => {
    const maps = `${HEADER}description:\n${Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i + 1)}k${i}:`).join('\n')} x\n`;
    const lists = `${HEADER}description:\n ${'- '.repeat(3000)}x\n`;
    for (const text of [maps, lists]) expect(codes(load(text).diagnostics)).toEqual(['E_TOO_DEEP']);
  });
  it('own limit below the parser limit, configurable', () => {
    const text = `${HEADER}specs:\n  - name: s\n    when: { command: C, data: { a: ${'['.repeat(70)}${']'.repeat(70)} } }\n    then: []\n`;
    const d = only(load(text).diagnostics, 'E_TOO_DEEP');
    expect(d.line).toBe(5);
    expect(load(text, { maxDepth: 200 }).diagnostics).toEqual([]);
  });
});

describe('C1.13 huge input', () => {
  it('E_TOO_LARGE before parsing, default cap 5 MB', () => {
    const text = `${HEADER}description: "${'x'.repeat(5 * 1024 * 1024)}"\n`;
    const d = only(load(text).diagnostics, 'E_TOO_LARGE');
    expect(d).toMatchObject({ line: 1, col: 1 });
  });
  it('a 50 MB file is refused from its byte count, before decoding', () => {
    const bytes = new Uint8Array(50 * 1024 * 1024).fill(0x20);
    const result = loadModel([{ path: 'huge.yaml', text: '', bytes }]);
    expect(codes(result.diagnostics)).toEqual(['E_TOO_LARGE']);
    expect(result.diagnostics[0]!.message).toContain(String(bytes.length));
  });
  it('the cap is configurable and counts UTF-8 bytes', () => {
    const text = `${HEADER}description: ${'é'.repeat(600)}\n`; // 1200 bytes of é
    expect(codes(load(text, { maxBytes: 1000 }).diagnostics)).toEqual(['E_TOO_LARGE']);
    expect(load(text, { maxBytes: 2000 }).diagnostics).toEqual([]);
  });
  it('100 000 nodes under the cap load', () => {
    const text = `${HEADER}aggregates:\n  Loan:\n    identity: id\n    invariants: [${Array(100_000).fill('x').join(', ')}]\n`;
    const result = load(text);
    expect(result.diagnostics).toEqual([]);
    expect(result.model!.contexts[0]!.aggregates[0]!.invariants).toHaveLength(100_000);
  });
  it('a 1 MB scalar under the cap loads', () => {
    const text = `${HEADER}description: ${'y'.repeat(1024 * 1024)}\n`;
    expect(load(text).model!.contexts[0]!.description).toHaveLength(1024 * 1024);
  });
});

describe('C1.14 git conflict markers', () => {
  it('E_MERGE_CONFLICT at the marker line', () => {
    const text = `${HEADER}<<<<<<< HEAD\ndescription: a\n=======\ndescription: b\n>>>>>>> feature\n`;
    const d = only(load(text).diagnostics, 'E_MERGE_CONFLICT');
    expect(d).toMatchObject({ line: 3, col: 1 });
    expect(d.hint).toContain('resolve');
  });
});

describe('C1.15 empty file', () => {
  for (const text of ['', '\n\n', '# only a comment\n', '---\n']) {
    it(`${JSON.stringify(text)} -> E_EMPTY with a hint`, () => {
      const d = only(load(text).diagnostics, 'E_EMPTY');
      expect(d).toMatchObject({ line: 1, col: 1 });
      expect(d.hint).toContain('stormsmith: 1');
    });
  }
  it('saving an empty context writes a minimal valid document', () => {
    const text = serializeContext(emptyContext('Lending', 'm.yaml', { file: 'm.yaml', line: 1, col: 1, endLine: 1, endCol: 1 }));
    expect(text).toBe('stormsmith: 1\ncontext: Lending\n');
    expect(load(text).diagnostics).toEqual([]);
  });
  it('an empty layout sidecar is a valid empty layout', () => {
    const result = loadModel([{ path: 'm.layout.yaml', text: '# nothing placed yet\n' }]);
    expect(result.diagnostics).toEqual([]);
    expect(result.model!.layouts['m.yaml']).toEqual({ positions: {} });
  });
});

describe('C1.18 misspelled or unknown field', () => {
  it('E_UNKNOWN_FIELD with did-you-mean at the key', () => {
    const text = `${HEADER}evnets:\n  A: { source: S }\n`;
    const d = only(load(text).diagnostics, 'E_UNKNOWN_FIELD');
    expect(d).toMatchObject(positionOf(text, 'evnets'));
    expect(d.hint).toBe('did you mean "events"?');
  });
  it('inside elements too', () => {
    const text = `${HEADER}commands:\n  Borrow:\n    aggregate: Loan\n    emit: [X]\n`;
    const d = only(load(text).diagnostics, 'E_UNKNOWN_FIELD');
    expect(d.hint).toBe('did you mean "emits"?');
    expect(d).toMatchObject(positionOf(text, 'emit:'));
  });
});

describe('C0 column convention', () => {
  it('columns count UTF-16 code units (an emoji counts 2)', () => {
    const text = `${HEADER}actors: { "😀": {}, X: { descripton: a } }\n`;
    const d = only(load(text).diagnostics, 'E_UNKNOWN_FIELD');
    expect(d.line).toBe(3);
    expect(d.col).toBe(text.split('\n')[2]!.indexOf('descripton') + 1);
    expect(d.col).toBe(26);
  });
});
