// Synthetic model for benchmarks and performance tests: one context file per 10 aggregates,
// ~10 events per aggregate, cross-context policies, specs. Written the way an architect would
// (block style, descriptions) so that the loader and validator do realistic work. Validates clean.
import type { SourceFile } from '../generator/model/types.js';

export const AGGREGATES_PER_FILE = 10;
const COMMANDS_PER_AGGREGATE = 5; // each emits two events: 10 events per aggregate

/** One bounded context file, written the way an architect would (block style, descriptions). */
function contextFile(file: number, aggregates: number): string {
  const ctx = `Context${file}`;
  const prev = file > 0 ? `Context${file - 1}` : undefined;
  const out: string[] = [
    `# Synthetic context ${file} for bench/validate.ts`,
    'stormsmith: 1',
    `context: ${ctx}`,
    `description: Generated context number ${file} with ${aggregates} aggregates.`,
  ];
  if (prev) out.push('relationships:', `  - context: ${prev}`, '    kind: customer-supplier', `    description: Reacts to ${prev}'s first event.`);
  out.push('actors:', `  Operator${file}:`, '    description: Runs every command of this context.');
  out.push('valueObjects:', `  Amount${file}:`, '    fields:', '      value: int', '      currency: enum(EUR|USD)');
  out.push('aggregates:');
  for (let a = 0; a < aggregates; a++) {
    out.push(`  Agg${file}x${a}:`, `    identity: agg${a}Id`, '    description: A synthetic aggregate.', '    invariants:', '      - Something always holds.', '    state:', '      status: string', `      total: Amount${file}`);
  }
  out.push('commands:');
  for (let a = 0; a < aggregates; a++) {
    for (let c = 0; c < COMMANDS_PER_AGGREGATE; c++) {
      out.push(
        `  Do${file}x${a}x${c}:`,
        `    aggregate: Agg${file}x${a}`,
        `    actor: Operator${file}`,
        '    fields:',
        `      agg${a}Id: uuid`,
        '      note: string',
        `      amount: Amount${file}`,
        `    emits: [Done${file}x${a}x${c}a, Done${file}x${a}x${c}b]`,
        `    rejects: [NotAllowed${c}]`,
      );
    }
  }
  out.push('events:');
  for (let a = 0; a < aggregates; a++) {
    for (let c = 0; c < COMMANDS_PER_AGGREGATE; c++) {
      for (const v of ['a', 'b']) {
        out.push(
          `  Done${file}x${a}x${c}${v}:`,
          `    aggregate: Agg${file}x${a}`,
          ...(a === 0 && c === 0 && v === 'a' ? ['    published: true'] : []),
          '    version: 1',
          '    fields:',
          `      agg${a}Id: uuid`,
          '      note: string',
          `      amount: Amount${file}`,
          '      at: datetime',
        );
      }
    }
  }
  out.push('policies:');
  if (prev) out.push(`  FollowUp${file}:`, `    on: [${prev}.Done${file - 1}x0x0a]`, `    issues: [Do${file}x0x0]`);
  out.push(`  Chain${file}:`, `    on: [Done${file}x0x1a]`, `    issues: [Do${file}x0x2]`);
  out.push('projections:');
  for (let a = 0; a < aggregates; a++) {
    const from: string[] = [];
    for (let c = 0; c < COMMANDS_PER_AGGREGATE; c++) from.push(`Done${file}x${a}x${c}a`, `Done${file}x${a}x${c}b`);
    out.push(`  View${file}x${a}:`, `    from: [${from.join(', ')}]`, `    key: agg${a}Id`, '    fields:', `      agg${a}Id: uuid`, '      status: string', '    consistency: eventual', '    lagTarget: 5s');
  }
  out.push('specs:', `  - name: command zero of context ${file}`, '    when:', `      command: Do${file}x0x0`, '      data: { agg0Id: 00000000-0000-4000-8000-000000000001, note: n, amount: { value: 1, currency: EUR } }', '    then:', `      - event: Done${file}x0x0a`, '        data: { agg0Id: 00000000-0000-4000-8000-000000000001, note: n, amount: { value: 1, currency: EUR }, at: "2026-01-01T00:00:00Z" }');
  return `${out.join('\n')}\n`;
}

export function syntheticModel(aggregates: number): SourceFile[] {
  const files: SourceFile[] = [];
  for (let f = 0; f * AGGREGATES_PER_FILE < aggregates; f++) {
    const n = Math.min(AGGREGATES_PER_FILE, aggregates - f * AGGREGATES_PER_FILE);
    files.push({ path: `context-${String(f).padStart(4, '0')}.yaml`, text: contextFile(f, n) });
  }
  return files;
}
