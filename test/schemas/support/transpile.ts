// Loads generated TypeScript as JavaScript (types erased with ts-morph's bundled compiler) from
// a temp dir, so tests can execute what the generator writes without a full project.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ts } from 'ts-morph';

const dirs: string[] = [];

export async function importGenerated<T = Record<string, (...args: never[]) => unknown>>(files: readonly { path: string; contents: string }[], module: string): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'stormsmith-generated-'));
  dirs.push(dir);
  for (const f of files.filter((x) => x.path.endsWith('.ts'))) {
    const js = ts.transpileModule(f.contents, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
    const out = join(dir, f.path.replace(/\.ts$/, '.js'));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, js);
  }
  return (await import(pathToFileURL(join(dir, module)).href)) as T;
}

export function removeGenerated(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}
