// src/<context>/evolution/upcasts.logic.ts (user-owned scaffold): one typed stub per custom
// upcast step. Created once; later runs only add stubs for new custom steps (never touch a body).

import type { ScaffoldImport, ScaffoldMember } from '../../plan-types.js';
import type { PlannedFile } from '../../plan-types.js';
import { importPath, inModel, jsdocBlock, scaffoldImports, str } from '../code.js';
import type { ContextFacts } from '../../ir/context.js';
import { layout } from '../../ir/paths.js';
import { dataTypeAt, stepName, versionChain } from '../../ir/evolution.js';
import { evolutionLayout } from '../../ir/paths.js';
import { eventNames } from '../../ir/names.js';

export function customUpcastsFile(facts: ContextFacts): PlannedFile | undefined {
  const path = evolutionLayout.customUpcasts(facts.context.name);
  const runtime = importPath(path, layout.runtimeIndex);
  const members: ScaffoldMember[] = [];
  for (const event of facts.eventsByName.values()) {
    const chain = versionChain(event);
    for (let i = 0; i + 1 < chain.length; i++) {
      const from = chain[i]!;
      const to = chain[i + 1]!;
      if (from.step?.upcast.kind !== 'custom') continue;
      const name = stepName(event.name, from.version);
      const inType = dataTypeAt(event, from.version);
      const outType = dataTypeAt(event, to.version);
      members.push({
        name,
        text:
          jsdocBlock([
            `${event.name} v${from.version} -> v${to.version} (${inModel(from.step.loc)}): the model says this step is custom.`,
            'Must be deterministic and free of side effects: it runs on every read of an old event.',
          ]) +
          `export function ${name}(data: ${inType}): ${outType} {\n` +
          `  return notImplemented(${str(`${event.name} upcast v${from.version} -> v${to.version} (${inModel(from.step.loc)}) is custom and not written yet`)});\n` +
          `}`,
        imports: [
          { moduleSpecifier: runtime, namedImports: ['notImplemented'] },
          { moduleSpecifier: importPath(path, eventNames(event).module), namedImports: [inType, outType], typeOnly: true },
        ],
      });
    }
  }
  if (members.length === 0) return undefined;
  const imports: ScaffoldImport[] = [];
  const text =
    `// Custom upcast steps of the ${facts.context.name} context. This file is yours: stormsmith created it\n` +
    `// and only ever adds a stub for a new custom step. The event museum test replays them.\n` +
    scaffoldImports(members, imports) +
    '\n' +
    members.map((m) => m.text).join('\n\n') +
    '\n';
  return { path, contents: text, ownership: 'scaffold', sources: facts.sources, grow: { members, imports } };
}
