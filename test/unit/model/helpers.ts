// Small helpers shared by the model-core tests.
import { loadModel, type Diagnostic, type LoadOptions, type SourceFile } from '../../../generator/model/index.js';

export const HEADER = 'stormsmith: 1\ncontext: Lending\n';

export function load(text: string, options: LoadOptions = {}, path = 'm.yaml') {
  return loadModel([{ path, text }], options);
}

export function loadFiles(files: SourceFile[], options: LoadOptions = {}) {
  return loadModel(files, options);
}

export function codes(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => d.code);
}

/** 1-based line/col of the n-th occurrence (0-based n) of `needle` in `text`, columns in UTF-16 units. */
export function positionOf(text: string, needle: string, n = 0): { line: number; col: number } {
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = text.indexOf(needle, at + 1);
    if (at === -1) throw new Error(`"${needle}" #${n} not in text`);
  }
  const before = text.slice(0, at).split('\n');
  return { line: before.length, col: before[before.length - 1]!.length + 1 };
}

/** The only diagnostic with `code`; fails the test when there is none or several. */
export function only(diagnostics: Diagnostic[], code: string): Diagnostic {
  const found = diagnostics.filter((d) => d.code === code);
  if (found.length !== 1) throw new Error(`expected one ${code}, got ${JSON.stringify(diagnostics, null, 1)}`);
  return found[0]!;
}

/** The C0 position property: a real file, 1 <= line <= lineCount, 1 <= col <= lineLength + 1. */
export function positionProblems(diagnostics: Diagnostic[], files: Record<string, string>): string[] {
  const problems: string[] = [];
  for (const d of diagnostics) {
    const text = files[d.file];
    if (text === undefined) {
      problems.push(`${d.code}: unknown file ${d.file}`);
      continue;
    }
    const lines = text.split('\n');
    if (!Number.isInteger(d.line) || d.line < 1 || d.line > lines.length) {
      problems.push(`${d.code}: line ${d.line} outside 1..${lines.length}`);
      continue;
    }
    const length = lines[d.line - 1]!.length;
    if (!Number.isInteger(d.col) || d.col < 1 || d.col > length + 1) problems.push(`${d.code}: col ${d.col} outside 1..${length + 1} on line ${d.line}`);
    if (!d.message || typeof d.message !== 'string') problems.push(`${d.code}: empty message`);
  }
  return problems;
}
