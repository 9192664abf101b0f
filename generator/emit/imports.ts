// Import lines shared by several emitters (printing, not meaning: the paths come from the IR).

import { valueOwner, type ContextFacts } from '../ir/context.js';
import { layout } from '../ir/paths.js';
import { importLine, importPath } from './code.js';

/** Type imports of value objects, each from the values module of the context that declares it. */
export function valuesImport(facts: ContextFacts, file: string, names: Iterable<string>): string {
  const byContext = new Map<string, string[]>();
  for (const name of new Set(names)) {
    const owner = valueOwner(facts.model, facts.context.name, name) ?? facts.context.name;
    byContext.set(owner, [...(byContext.get(owner) ?? []), name]);
  }
  return [...byContext.entries()]
    .map(([context, list]) => [importPath(file, layout.values(context)), list] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([module, list]) => importLine(list, module, true))
    .join('');
}
