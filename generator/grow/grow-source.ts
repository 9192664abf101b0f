// Growing a user-owned file: add the members and imports the model now requires, and touch
// nothing else. ts-morph only *reads* the file (to find declared names and import
// declarations); the change itself is a list of text insertions at positions, so every byte
// outside the inserted ranges stays as the user wrote it (comments, formatting, bodies).

import type { ImportDeclaration, Project } from 'ts-morph';
import type { ScaffoldGrowth, ScaffoldImport } from '../plan-types.js';
import { declaredNames, type DeclaredName } from './exported-names.js';

export interface Insertion {
  /** Offset in the original text. */
  at: number;
  text: string;
}

export interface GrowResult {
  /** The grown text (=== the input when nothing was missing). */
  text: string;
  addedMembers: string[];
  /** `name from 'module'` for every import added. */
  addedImports: string[];
  insertions: Insertion[];
  /** Top-level names of the original file. */
  declared: DeclaredName[];
  /** The original file has syntax errors: it is left alone (not grown). */
  unparsable: boolean;
}

type TsMorph = typeof import('ts-morph');

/** Applies insertions (offsets in the original text); equal offsets keep their list order. */
export function applyInsertions(text: string, insertions: Insertion[]): string {
  const sorted = insertions.map((ins, i) => ({ ...ins, i })).sort((a, b) => a.at - b.at || a.i - b.i);
  let out = '';
  let last = 0;
  for (const ins of sorted) {
    out += text.slice(last, ins.at) + ins.text;
    last = ins.at;
  }
  return out + text.slice(last);
}

const importedName = (specifier: import('ts-morph').ImportSpecifier): string => specifier.getNameNode().getText();

function importInsertions(tsMorph: TsMorph, file: import('ts-morph').SourceFile, wanted: ScaffoldImport[], eol: string, added: string[]): Insertion[] {
  const insertions: Insertion[] = [];
  const declarations = file.getImportDeclarations();
  for (const want of wanted) {
    const same = declarations.filter((d) => d.getModuleSpecifierValue() === want.moduleSpecifier);
    const present = new Set(same.flatMap((d) => d.getNamedImports().map(importedName)));
    // A default or namespace import does not bring named bindings into scope by those names.
    const missing = want.namedImports.filter((n) => !present.has(n));
    if (missing.length === 0) continue;
    // Merge into an existing `{ ... }` import: a type-only need fits any of them (with an inline
    // `type` in a value import); a value need only fits a value import.
    const target: ImportDeclaration | undefined =
      same.find((d) => d.getNamedImports().length > 0 && d.isTypeOnly() === Boolean(want.typeOnly)) ??
      same.find((d) => d.getNamedImports().length > 0 && !d.isTypeOnly() && Boolean(want.typeOnly));
    for (const n of missing) added.push(`${n} from '${want.moduleSpecifier}'`);
    if (target) {
      const elements = target.getNamedImports();
      const last = elements[elements.length - 1]!;
      const inlineType = want.typeOnly && !target.isTypeOnly() ? 'type ' : '';
      const multiline = target.getText().slice(0, last.getStart() - target.getStart()).includes('\n');
      const indent = multiline ? (/[ \t]*$/.exec(file.getFullText().slice(0, last.getStart()))?.[0] ?? '  ') : '';
      const separator = multiline ? `,${eol}${indent}` : ', ';
      insertions.push({ at: last.getEnd(), text: missing.map((n) => `${separator}${inlineType}${n}`).join('') });
      continue;
    }
    const statement = `import ${want.typeOnly ? 'type ' : ''}{ ${missing.join(', ')} } from '${want.moduleSpecifier}';`;
    const lastImport = declarations[declarations.length - 1];
    if (lastImport) {
      // After the whole line of the last import, so a trailing comment stays on its line.
      const fullText = file.getFullText();
      const newline = fullText.indexOf('\n', lastImport.getEnd());
      insertions.push(newline >= 0 ? { at: newline + 1, text: `${statement}${eol}` } : { at: fullText.length, text: `${eol}${statement}` });
    }
    else {
      const first = file.getStatements()[0];
      const fullText = file.getFullText();
      // No statement: after everything, on a line of its own (a trailing comment must not swallow it).
      const lead = fullText.length === 0 || fullText.endsWith('\n') ? '' : eol;
      insertions.push(first ? { at: first.getStart(), text: `${statement}${eol}${eol}` } : { at: fullText.length, text: `${lead}${statement}${eol}` });
    }
  }
  return insertions;
}

/** One entry per (module, type-only) pair, names in first-seen order. */
function mergeImports(imports: ScaffoldImport[]): ScaffoldImport[] {
  const merged = new Map<string, ScaffoldImport>();
  for (const i of imports) {
    const key = `${i.typeOnly ? 'type ' : ''}${i.moduleSpecifier}`;
    const entry = merged.get(key);
    if (!entry) merged.set(key, { moduleSpecifier: i.moduleSpecifier, namedImports: [...i.namedImports], ...(i.typeOnly ? { typeOnly: true } : {}) });
    else for (const n of i.namedImports) if (!entry.namedImports.includes(n)) entry.namedImports.push(n);
  }
  return [...merged.values()];
}

/**
 * Grows `text` (a user-owned file at `path`) so that it declares every member of `growth` and
 * has its imports. Members that exist by name (exported or not) are never touched.
 */
export function growSource(tsMorph: TsMorph, project: Project, path: string, text: string, growth: ScaffoldGrowth): GrowResult {
  const file = project.createSourceFile(`/${path}`, text, { overwrite: true });
  try {
    const declared = declaredNames(tsMorph, file);
    const parseDiagnostics = (file.compilerNode as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics;
    if (parseDiagnostics.length > 0) return { text, addedMembers: [], addedImports: [], insertions: [], declared, unparsable: true };
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const names = new Set(declared.map((d) => d.name));
    const addedImports: string[] = [];
    const newMembers = growth.members.filter((m) => !names.has(m.name));
    // A member's own imports (e.g. `notImplemented` for a stub) come only with the member.
    const wanted = [...growth.imports, ...newMembers.flatMap((m) => m.imports ?? [])];
    const insertions = importInsertions(tsMorph, file, mergeImports(wanted), eol, addedImports);
    if (newMembers.length > 0) {
      const lead = text.length === 0 || text.endsWith('\n') ? '' : eol;
      const body = newMembers.map((m) => `${eol}${m.text.replace(/\r?\n/g, eol)}${eol}`).join('');
      insertions.push({ at: text.length, text: lead + body });
    }
    return {
      text: applyInsertions(text, insertions),
      addedMembers: newMembers.map((m) => m.name),
      addedImports,
      insertions,
      declared,
      unparsable: false,
    };
  } finally {
    project.removeSourceFile(file);
  }
}

/** A ts-morph project for growing files: in memory, no lib files, nothing resolved. */
export async function createGrowProject(): Promise<{ tsMorph: TsMorph; project: Project }> {
  const tsMorph = await import('ts-morph');
  const project = new tsMorph.Project({ useInMemoryFileSystem: true, skipLoadingLibFiles: true, skipFileDependencyResolution: true });
  return { tsMorph, project };
}
