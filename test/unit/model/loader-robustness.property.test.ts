// hardening.md C9.84: for random bytes and mutations of valid files the loader never throws and
// every diagnostic has a real position (C0): 1 <= line <= lineCount, 1 <= col <= lineLength + 1.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../../generator/model/index.js';
import { positionProblems } from './helpers.js';

const lending = readFileSync(fileURLToPath(new URL('../../../models/library/lending.yaml', import.meta.url)), 'utf8');
const RUNS = { seed: 8484, numRuns: 200 };

/** Loads and checks the C0 property; `text` is what positions refer to. */
function check(path: string, input: { text: string; bytes?: Uint8Array }, positionsIn: string) {
  let result: ReturnType<typeof loadModel> | undefined;
  expect(() => {
    result = loadModel([{ path, ...input }]);
  }).not.toThrow();
  expect(positionProblems(result!.diagnostics, { [path]: positionsIn })).toEqual([]);
  expect(result!.diagnostics.every((d) => /^[EWI]_[A-Z0-9_]+$/.test(d.code))).toBe(true);
  expect(result!.ok).toBe(!result!.diagnostics.some((d) => d.severity === 'error'));
  // C1.5: whatever the keys, no prototype was touched and model objects are plain.
  expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(oddPrototypes(result!.model)).toEqual([]);
}

/** Paths of objects in a loaded model whose prototype is not Object.prototype / Array.prototype. */
function oddPrototypes(value: unknown, path = 'model', out: string[] = []): string[] {
  if (!value || typeof value !== 'object') return out;
  const proto = Object.getPrototypeOf(value);
  if (proto !== (Array.isArray(value) ? Array.prototype : Object.prototype)) out.push(path);
  for (const [k, v] of Object.entries(value)) oddPrototypes(v, `${path}.${k}`, out);
  return out;
}

const TOKENS = ['__proto__: { polluted: true }\n', '  constructor: {}\n', 'prototype: ', '*', '&a ', '*a', '!', '!!binary ', '<<: ', '\t', '<<<<<<< HEAD\n', '---\n', '[', ']', '{', '}', ':', ': ', '"', "'", '|', '>', '- ', '? ', '#', '😀', '\r\n', '\uFEFF', '__proto__: ', '%YAML 1.1\n', '\\', ',', '\n  ', '@'];

type Mutation =
  | { op: 'delete' | 'duplicate'; line: number }
  | { op: 'swap'; a: number; b: number }
  | { op: 'insert'; at: number; token: string }
  | { op: 'truncate'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constantFrom('delete' as const, 'duplicate' as const), line: fc.nat() }),
  fc.record({ op: fc.constant('swap' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), token: fc.constantFrom(...TOKENS) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
);

function mutate(text: string, m: Mutation): string {
  const lines = text.split('\n');
  switch (m.op) {
    case 'delete':
      lines.splice(m.line % lines.length, 1);
      return lines.join('\n');
    case 'duplicate': {
      const i = m.line % lines.length;
      lines.splice(i, 0, lines[i]!);
      return lines.join('\n');
    }
    case 'swap': {
      const a = m.a % lines.length;
      const b = m.b % lines.length;
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      return lines.join('\n');
    }
    case 'insert': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.token + text.slice(at);
    }
    case 'truncate':
      return text.slice(0, m.at % (text.length + 1));
  }
}

describe('loader robustness (fast-check, fixed seed)', () => {
  it('mutations of a valid file', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (mutations) => {
        const text = mutations.reduce(mutate, lending);
        check('lending.yaml', { text }, text);
      }),
      RUNS,
    );
  });

  it('random text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        check('r.yaml', { text }, text);
        check('r.layout.yaml', { text }, text);
      }),
      RUNS,
    );
  });

  it('random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        // Positions of an encoding error refer to the bytes before it, decoded.
        const lossy = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
        check('b.yaml', { text: '', bytes }, lossy);
      }),
      RUNS,
    );
  });

  it('random YAML-ish token soup', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TOKENS, 'a', 'stormsmith: 1\n', 'context: X\n', 'events:\n', '  E:\n', '    source: S\n', '1.5', 'null', ' '), { maxLength: 60 }), (tokens) => {
        const text = tokens.join('');
        check('t.yaml', { text }, text);
      }),
      RUNS,
    );
  });
});
