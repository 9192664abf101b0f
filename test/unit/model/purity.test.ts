// generator/model runs in the browser and in the Electron renderer under a CSP without
// 'unsafe-eval': the loader and serializer must not reach for Node, Electron, React or eval.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const model = fileURLToPath(new URL('../../../generator/model/', import.meta.url));
const OWN = ['load', 'serialize', 'load.ts', 'serialize.ts', 'layout.ts', 'index.ts'];
const files = (p: string): string[] => (statSync(p).isDirectory() ? readdirSync(p).flatMap((e) => files(join(p, e))) : p.endsWith('.ts') ? [p] : []);
const FORBIDDEN = [/from ['"]node:/, /from ['"](fs|path|os|child_process|electron|react|react-dom|ajv)['"]/, /\bprocess\./, /\brequire\(/, /\bnew Function\b/, /\beval\(/];

describe('model core purity', () => {
  const sources = OWN.flatMap((p) => files(join(model, p)));
  it('has sources to check', () => expect(sources.length).toBeGreaterThan(10));
  it.each(sources.map((s) => [s.slice(model.length), s]))('%s imports nothing platform-specific', (_name, path) => {
    const text = readFileSync(path, 'utf8');
    expect(FORBIDDEN.filter((re) => re.test(text)).map(String)).toEqual([]);
  });
});
