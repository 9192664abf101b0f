// planEvolutionFiles(model): the event-evolution part of a generated project, for plan() to
// include: per context the upcasters (generated), the custom upcast stubs (user-owned), the
// museum exhibits (user-owned, kept forever) and the museum test (generated); plus the shared
// support module and the composition of all contexts.

import type { Model } from '../../model/types.js';
import type { PlannedFile } from '../../plan-types.js';
import { compareCodeUnits } from '../../names.js';
import { contextFacts } from '../facts.js';
import { customUpcastsFile } from './custom-file.js';
import { museumExhibits, museumTest } from './museum.js';
import { indexFile, supportFile } from './support-file.js';
import { upcastersFile } from './upcasters-file.js';

export { evolutionLayout } from './paths.js';
export { contextNames as evolutionNames } from './names.js';

export function planEvolutionFiles(model: Model): PlannedFile[] {
  const contexts = [...model.contexts].filter((c) => c.events.length > 0).sort((a, b) => compareCodeUnits(a.name, b.name));
  if (contexts.length === 0) return [];
  const files: PlannedFile[] = [];
  const sources = new Set<string>();
  for (const context of contexts) {
    const facts = contextFacts(model, context);
    facts.sources.forEach((s) => sources.add(s));
    files.push(upcastersFile(facts), museumTest(facts), ...museumExhibits(facts));
    const custom = customUpcastsFile(facts);
    if (custom) files.push(custom);
  }
  const all = [...sources].sort(compareCodeUnits);
  files.push(supportFile(all), indexFile(contexts.map((c) => c.name), all));
  return files.sort((a, b) => compareCodeUnits(a.path, b.path));
}
