// planEvolutionFiles(model, templates): the event-evolution part of a generated project, for plan() to
// include: per context the upcasters (generated), the custom upcast stubs (user-owned), the
// museum exhibits (user-owned, kept forever) and the museum test (generated); plus the shared
// support module and the composition of all contexts. plan() calls the two parts on their own
// (evolutionContextFiles per context, evolutionSharedFiles once) so that its cache can re-plan
// one context's part alone.

import type { Model } from '../../model/types.js';
import type { PlannedFile } from '../../plan-types.js';
import { compareCodeUnits } from '../../names.js';
import { contextFacts, type ContextFacts } from '../../ir/context.js';
import { customUpcastsFile } from './custom-file.js';
import { museumExhibits, museumTest } from './museum.js';
import { indexFile, supportFile } from './support-file.js';
import { upcastersFile } from './upcasters-file.js';
import { formerTypes } from '../../ir/evolution.js';
import type { TemplateMap } from '../templates.js';


export function planEvolutionFiles(model: Model, templates: TemplateMap): PlannedFile[] {
  const contexts = [...model.contexts].filter((c) => c.events.length > 0).sort((a, b) => compareCodeUnits(a.name, b.name));
  if (contexts.length === 0) return [];
  const all = contexts.map((context) => contextFacts(model, context));
  const files = all.flatMap((facts) => evolutionContextFiles(facts));
  files.push(...evolutionSharedFiles(all, templates));
  return files.sort((a, b) => compareCodeUnits(a.path, b.path));
}

/** One context's part (empty for a context without events): upcasters, custom stubs, museum. */
export function evolutionContextFiles(facts: ContextFacts): PlannedFile[] {
  if (facts.context.events.length === 0) return [];
  const files = [upcastersFile(facts), museumTest(facts), ...museumExhibits(facts)];
  const custom = customUpcastsFile(facts);
  if (custom) files.push(custom);
  return files;
}

/** The support module and the composition of every context with events (none without). */
export function evolutionSharedFiles(all: readonly ContextFacts[], templates: TemplateMap): PlannedFile[] {
  const withEvents = all.filter((f) => f.context.events.length > 0).sort((a, b) => compareCodeUnits(a.context.name, b.context.name));
  if (withEvents.length === 0) return [];
  const sources = [...new Set(withEvents.flatMap((f) => f.sources))].sort(compareCodeUnits);
  return [supportFile(templates, sources), indexFile(withEvents.map((f) => f.context.name), sources, formerTypes(withEvents))];
}

