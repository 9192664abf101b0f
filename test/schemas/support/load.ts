// Loads a model folder from disk with the real loader (fixtures are YAML, as users write them).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadModel } from '../../../generator/model/load.js';
import type { Model, SourceFile } from '../../../generator/model/types.js';

export function loadFolder(dir: string): Model {
  const files: SourceFile[] = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => ({ path: f, text: readFileSync(join(dir, f), 'utf8') }));
  return loadText(files);
}

export function loadText(files: SourceFile[]): Model {
  const loaded = loadModel(files);
  if (!loaded.ok) throw new Error(`fixture does not load:\n${loaded.diagnostics.map((d) => `${d.file}:${d.line}:${d.col}: ${d.message}`).join('\n')}`);
  return loaded.model;
}

/** `# expect: RULE` markers: the (file, line, rule) triples a fixture expects. */
export function expectations(dir: string): string[] {
  const out: string[] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.yaml')).sort()) {
    readFileSync(join(dir, f), 'utf8')
      .split('\n')
      .forEach((text, i) => {
        for (const m of text.matchAll(/# expect: ([A-Z_]+)/g)) out.push(`${f}:${i + 1} ${m[1]}`);
      });
  }
  return out.sort();
}
