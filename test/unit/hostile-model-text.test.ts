// Issue 19 item 8: encodings are named correctly, and messages never quote library internals.

import { describe, expect, it } from 'vitest';
import { loadModel } from '../../generator/model/load.js';

const load = (bytes: Uint8Array) => loadModel([{ path: 'x.yaml', text: '', bytes }]).diagnostics;
const utf32le = (text: string) => {
  const out = new Uint8Array(4 + text.length * 4);
  out.set([0xff, 0xfe, 0, 0]);
  for (let i = 0; i < text.length; i++) out[4 + i * 4] = text.charCodeAt(i);
  return out;
};

describe('hostile model text', () => {
  it('UTF-32 (little and big endian) is reported as UTF-32, not UTF-16', () => {
    expect(load(utf32le('stormsmith: 1\n')).map((d) => d.message)).toContain('file is UTF-32 encoded; model files must be UTF-8');
    const be = new Uint8Array([0, 0, 0xfe, 0xff, 0, 0, 0, 0x61]);
    expect(load(be).map((d) => d.message)).toContain('file is UTF-32 encoded; model files must be UTF-8');
    expect(load(new Uint8Array([0xff, 0xfe, 0x61, 0])).map((d) => d.message)).toContain('file is UTF-16 encoded; model files must be UTF-8');
  });

  it('two YAML documents are explained in our words, not the library API', () => {
    const text = 'stormsmith: 1\ncontext: A\n---\nstormsmith: 1\ncontext: B\n';
    const messages = loadModel([{ path: 'x.yaml', text }]).diagnostics.map((d) => d.message).join('\n');
    expect(messages).not.toMatch(/parseAllDocuments|YAML\./);
    expect(messages).toContain('one YAML document');
  });

  it('extreme nesting never surfaces "Maximum call stack size exceeded"', () => {
    const text = `stormsmith: 1\ncontext: A\nx: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`;
    const messages = loadModel([{ path: 'x.yaml', text }]).diagnostics.map((d) => d.message).join('\n');
    expect(messages).not.toMatch(/call stack/i);
    expect(messages.length).toBeGreaterThan(0);
  });
});

describe('scalar size cap (issue 19 item 3)', () => {
  it('a 4.9 MB double-quoted scalar is refused before the document is built', () => {
    const text = `stormsmith: 1\ncontext: A\ndescription: "${'x'.repeat(4_900_000)}"\n`;
    const diagnostics = loadModel([{ path: 'x.yaml', text }]).diagnostics;
    expect(diagnostics.map((d) => d.code)).toEqual(['E_SCALAR_TOO_LARGE']);
    expect(diagnostics[0]).toMatchObject({ line: 3 });
  });

  it('a 60 KB description is still fine', () => {
    const text = `stormsmith: 1\ncontext: A\ndescription: "${'x'.repeat(60_000)}"\n`;
    expect(loadModel([{ path: 'x.yaml', text }]).diagnostics.map((d) => d.code)).not.toContain('E_SCALAR_TOO_LARGE');
  });
});
