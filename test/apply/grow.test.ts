import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { apply } from '../../generator/apply/apply.js';
import { createGrowProject, growSource, type Insertion } from '../../generator/grow/grow-source.js';
import type { ScaffoldGrowth } from '../../generator/plan-types.js';
import { fileMap, LOGIC_V1, scaffold, stub, tempDir } from './support.js';

let grower: Awaited<ReturnType<typeof createGrowProject>>;
beforeAll(async () => {
  grower = await createGrowProject();
});
const grow = (text: string, growth: ScaffoldGrowth) => growSource(grower.tsMorph, grower.project, 'src/loan.logic.ts', text, growth);

/** The original text is exactly the grown text with the inserted ranges cut out. */
function withoutInsertions(grown: string, insertions: Insertion[]): string {
  let out = '';
  let cursor = 0;
  let shift = 0;
  for (const ins of [...insertions].sort((a, b) => a.at - b.at)) {
    out += grown.slice(cursor, ins.at + shift);
    cursor = ins.at + shift + ins.text.length;
    shift += ins.text.length;
  }
  return out + grown.slice(cursor);
}

const handWritten = `// Business logic for Loan. This file is yours: stormsmith only adds missing stubs.
import type { BorrowBook } from './loan.commands.js';
import type { BookBorrowed } from './loan.events.js';
import { addDays } from './dates.js'; // the team's helper

/** Five loans at most: checked by the desk too. */
export function decideBorrowBook(command: BorrowBook): BookBorrowed[] {
  // hand-written body with odd    spacing, kept as is
  return [{ type: 'BookBorrowed', data: { ...command, dueOn: addDays(command.dueOn, 0) } }];
}

function helper() { return 42 }
export const mine = helper();
`;

const requiredV2: ScaffoldGrowth = {
  members: [stub('decideBorrowBook', 'BorrowBook', 'BookBorrowed'), stub('decideRenewLoan', 'RenewLoan', 'LoanRenewed')],
  imports: [
    { moduleSpecifier: './loan.commands.js', namedImports: ['BorrowBook', 'RenewLoan'], typeOnly: true },
    { moduleSpecifier: './loan.events.js', namedImports: ['BookBorrowed', 'LoanRenewed'], typeOnly: true },
  ],
};

describe('growing a user-owned file', () => {
  it('adds the missing stub and merges imports, leaving every other byte as written', () => {
    const result = grow(handWritten, requiredV2);
    expect(result.addedMembers).toEqual(['decideRenewLoan']);
    expect(result.addedImports).toEqual(["RenewLoan from './loan.commands.js'", "LoanRenewed from './loan.events.js'"]);
    expect(result.text).toContain("import type { BorrowBook, RenewLoan } from './loan.commands.js';");
    expect(result.text).toContain("import type { BookBorrowed, LoanRenewed } from './loan.events.js';");
    expect(result.text.endsWith("export function decideRenewLoan(command: RenewLoan): LoanRenewed[] {\n  throw new Error('not implemented: RenewLoan');\n}\n")).toBe(true);
    expect(withoutInsertions(result.text, result.insertions)).toBe(handWritten);
  });

  it('is a fixed point: growing the grown file changes nothing', () => {
    const once = grow(handWritten, requiredV2).text;
    const twice = grow(once, requiredV2);
    expect(twice.text).toBe(once);
    expect(twice.insertions).toEqual([]);
  });

  it('never adds a member whose name the user already declared, exported or not', () => {
    const text = "function decideRenewLoan() { return 'mine'; }\n";
    const result = grow(text, { members: [stub('decideRenewLoan', 'RenewLoan', 'LoanRenewed')], imports: [] });
    expect(result.text).toBe(text);
  });

  it('adds a new import declaration after the last import, or before the first statement', () => {
    const withImports = grow(handWritten, { members: [], imports: [{ moduleSpecifier: './loan.errors.js', namedImports: ['RenewalLimitReached'] }] });
    expect(withImports.text).toContain("import { addDays } from './dates.js'; // the team's helper\nimport { RenewalLimitReached } from './loan.errors.js';\n");
    const header = '// my header\n\nexport const x = 1;\n';
    const noImports = grow(header, { members: [], imports: [{ moduleSpecifier: './a.js', namedImports: ['A'], typeOnly: true }] });
    expect(noImports.text).toBe("// my header\n\nimport type { A } from './a.js';\n\nexport const x = 1;\n");
  });

  it('merges a type need into a value import with an inline `type`, and keeps multi-line imports multi-line', () => {
    const value = "import { addDays } from './dates.js';\n";
    expect(grow(value, { members: [], imports: [{ moduleSpecifier: './dates.js', namedImports: ['Days'], typeOnly: true }] }).text).toBe("import { addDays, type Days } from './dates.js';\n");
    const multi = "import {\n    a,\n    b,\n} from './m.js';\n";
    const result = grow(multi, { members: [], imports: [{ moduleSpecifier: './m.js', namedImports: ['c'] }] });
    expect(result.text).toBe("import {\n    a,\n    b,\n    c,\n} from './m.js';\n");
  });

  it("adds a member's own imports only together with the member", () => {
    const withStubImport = { ...stub('decideRenewLoan', 'RenewLoan', 'LoanRenewed'), imports: [{ moduleSpecifier: '../runtime/index.js', namedImports: ['notImplemented'] }] };
    const added = grow("import type { A } from './a.js';\n", { members: [withStubImport], imports: [] });
    expect(added.text).toContain("import { notImplemented } from '../runtime/index.js';\n");
    // The user replaced the stub and dropped the import: it is not brought back.
    const replaced = "export function decideRenewLoan() { return []; }\n";
    expect(grow(replaced, { members: [withStubImport], imports: [] }).text).toBe(replaced);
  });

  it('does not merge a value need into a type-only import', () => {
    const text = "import type { A } from './a.js';\n";
    expect(grow(text, { members: [], imports: [{ moduleSpecifier: './a.js', namedImports: ['makeA'] }] }).text).toBe("import type { A } from './a.js';\nimport { makeA } from './a.js';\n");
  });

  it('keeps CRLF line endings and a missing final newline', () => {
    const crlf = "import type { A } from './a.js';\r\nexport const a = 1;";
    const result = grow(crlf, { members: [{ name: 'b', text: 'export function b() {\n  return 2;\n}' }], imports: [] });
    expect(result.text).toBe("import type { A } from './a.js';\r\nexport const a = 1;\r\n\r\nexport function b() {\r\n  return 2;\r\n}\r\n");
    expect(withoutInsertions(result.text, result.insertions)).toBe(crlf);
  });

  it('leaves a file with syntax errors alone', () => {
    const broken = 'export function decideBorrowBook( {\n';
    const result = grow(broken, requiredV2);
    expect(result.unparsable).toBe(true);
    expect(result.text).toBe(broken);
  });

  it('finds exported names with their positions (functions, consts, classes, types, export lists)', () => {
    const result = grow('export function f() {}\nconst g = 1;\nexport { g as h };\nexport class C {}\nexport type T = 1;\nexport interface I {}\nexport enum E { A }\nexport const [p] = [1];\n', { members: [], imports: [] });
    expect(result.declared.filter((d) => d.exported).map((d) => `${d.name}@${d.line}:${d.col}`)).toEqual(['f@1:17', 'h@3:15', 'C@4:14', 'T@5:13', 'I@6:18', 'E@7:13']);
  });
});

describe('apply grows user-owned files and reports orphans', () => {
  const v1 = () => fileMap(scaffold('src/loan.logic.ts', LOGIC_V1, { members: [stub('decideBorrowBook', 'BorrowBook', 'BookBorrowed')], imports: requiredV2.imports.map((i) => ({ ...i, namedImports: i.namedImports.slice(0, 1) })) }));

  it('grows on a model change, then reports members the model dropped with file:line, never deleting them', async () => {
    const out = tempDir();
    await apply(v1(), out);
    const file = path.join(out, 'src/loan.logic.ts');
    fs.writeFileSync(file, handWritten);

    const grown = await apply(fileMap(scaffold('src/loan.logic.ts', 'unused when the file exists', requiredV2)), out);
    expect(grown.ok).toBe(true);
    expect(grown.files[0]).toMatchObject({ status: 'grown', addedMembers: ['decideRenewLoan'] });
    const afterGrow = fs.readFileSync(file, 'utf8');
    expect(afterGrow.startsWith(handWritten.split('\n').slice(0, 1).join('\n'))).toBe(true);

    // The model drops BorrowBook: its function stays, reported as an orphan at its line.
    const v3: ScaffoldGrowth = { members: [requiredV2.members[1]!], imports: [] };
    const dropped = await apply(fileMap(scaffold('src/loan.logic.ts', 'x', v3)), out);
    expect(dropped.orphans).toEqual([{ path: 'src/loan.logic.ts', line: 7, col: 17, name: 'decideBorrowBook', kind: 'member' }]);
    expect(fs.readFileSync(file, 'utf8')).toBe(afterGrow);
    // The user's own exports (`mine`) are never called orphans; the orphan is reported every run.
    expect((await apply(fileMap(scaffold('src/loan.logic.ts', 'x', v3)), out)).orphans.map((o) => o.name)).toEqual(['decideBorrowBook']);
    // Once the user deletes it, it is no longer reported.
    fs.writeFileSync(file, afterGrow.replace(/\/\*\* Five loans[\s\S]*?\n}\n/, ''));
    expect((await apply(fileMap(scaffold('src/loan.logic.ts', 'x', v3)), out)).orphans).toEqual([]);
  });

  it('check mode reports a user-owned file that needs stubs as stale without writing', async () => {
    const out = tempDir();
    await apply(v1(), out);
    const before = fs.readFileSync(path.join(out, 'src/loan.logic.ts'), 'utf8');
    const report = await apply(fileMap(scaffold('src/loan.logic.ts', 'x', requiredV2)), out, { mode: 'check' });
    expect(report).toMatchObject({ ok: false, stale: true });
    expect(report.files[0]!.status).toBe('grown');
    expect(report.files[0]!.diff).toContain('+export function decideRenewLoan');
    expect(fs.readFileSync(path.join(out, 'src/loan.logic.ts'), 'utf8')).toBe(before);
  });

  it('warns about (and leaves alone) a user-owned file with syntax errors', async () => {
    const out = tempDir();
    await apply(v1(), out);
    fs.writeFileSync(path.join(out, 'src/loan.logic.ts'), 'export function half( {\n');
    const report = await apply(fileMap(scaffold('src/loan.logic.ts', 'x', requiredV2)), out);
    expect(report.ok).toBe(true);
    expect(report.warnings.map((w) => w.code)).toEqual(['W_SCAFFOLD_UNPARSABLE']);
    expect(fs.readFileSync(path.join(out, 'src/loan.logic.ts'), 'utf8')).toBe('export function half( {\n');
  });
});
