// Tests in the generated project for one aggregate:
// - <aggregate>.specs.test.ts (generated): the model's given/when/then specs as
//   DeciderSpecification cases. The model is their source of truth, so they are rewritten.
// - <aggregate>.commands.test.ts (scaffold): one case per command, created once with the
//   default outcome where the model gives one; the user owns it from then on.
// Both declare cases through `modelCase` (test/support/model-case.ts): a case that reaches a
// typed stub is reported as todo, naming the stub, instead of failing on day one.

import type { Command, JsonValue, Spec, SpecMessage } from '../model/types.js';
import type { PlannedFile } from '../plan-types.js';
import { compareCodeUnits } from '../names.js';
import { at, generatedHeader, importLine, importPath, str, tsLiteral } from './code.js';
import { fieldMapping, type AggregateFacts, type ContextFacts } from '../ir/context.js';
import { layout } from '../ir/paths.js';
import { sampleObject } from '../ir/samples.js';
import { alreadyExistsRejection, notFoundRejection } from '../model/existence.js';
import { commandNames } from '../ir/names.js';
import { staticFile } from './static-files.js';
import type { TemplateMap } from './templates.js';

/** test/support/model-case.ts: how generated tests declare the cases the model defines (a static program, templates/service). */
export function modelCaseFile(templates: TemplateMap, sources: string[]): PlannedFile {
  return staticFile(templates, layout.modelCase, sources);
}

const message = (m: SpecMessage, indent: string): string => `{ type: ${str(m.type.name)}, data: ${tsLiteral(m.data, indent)} }`;

/** Why a spec cannot be expressed against this aggregate's decider, or undefined. */
function inexpressible(agg: AggregateFacts, spec: Spec): string | undefined {
  const events = new Set(agg.events.map((e) => e.name));
  const foreign = spec.given.find((g) => !events.has(g.type.name));
  if (foreign) return `given ${foreign.type.name} is not an event of ${agg.aggregate.name}`;
  if (spec.then.kind === 'events') {
    const other = spec.then.events.find((e) => !events.has(e.type.name));
    if (other) return `then ${other.type.name} is not an event of ${agg.aggregate.name}`;
  }
  return undefined;
}

function specCase(agg: AggregateFacts, spec: Spec): string {
  const reason = inexpressible(agg, spec);
  const title = `${spec.name} (${at(spec.loc)})`;
  if (reason) return `it.todo(${str(`${title} [todo: ${reason}]`)});\n`;
  const given = spec.given.length === 0 ? '[]' : `[\n${spec.given.map((g) => `      ${message(g, '      ')},\n`).join('')}    ]`;
  let then: string;
  switch (spec.then.kind) {
    case 'events':
      then = `.then([\n${spec.then.events.map((e) => `        ${message(e, '        ')},\n`).join('')}      ])`;
      break;
    case 'rejects':
      then = `.thenThrows(rejectionNamed(${str(spec.then.error.name)}))`;
      break;
    case 'nothing':
      then = '.thenNothingHappened()';
      break;
  }
  return (
    `modelCase(${str(title)}, () =>\n` +
    `  given(${given.replace(/\n {4}/g, '\n  ').replace(/\n {6}/g, '\n    ')})\n` +
    `    .when(${message(spec.when, '    ')})\n` +
    `    ${then},\n` +
    `);\n`
  );
}

export function specsTestFile(facts: ContextFacts, agg: AggregateFacts): PlannedFile {
  const path = layout.specsTest(facts.context.name, agg.aggregate.name);
  const names = agg.names;
  const commands = new Set(agg.commands.map((c) => c.name));
  // By name (stable for equal names), so that reordering specs in the model file changes nothing.
  const specs = facts.context.specs
    .filter((s) => commands.has(s.when.type.name))
    .map((spec, index) => ({ spec, index }))
    .sort((a, b) => compareCodeUnits(a.spec.name, b.spec.name) || a.index - b.index)
    .map(({ spec }) => spec);
  const usesRejection = specs.some((s) => s.then.kind === 'rejects' && !inexpressible(agg, s));
  const usesTodo = specs.some((s) => inexpressible(agg, s));
  const contents =
    generatedHeader([facts.context.file]) +
    `// The model's specs for ${agg.aggregate.name}, as given/when/then cases over its decider.\n` +
    (usesTodo || specs.length === 0 ? importLine(['it'], 'vitest') : '') +
    importLine([names.decider], importPath(path, layout.aggregate(facts.context.name, agg.aggregate.name, 'decider'))) +
    (usesRejection ? importLine(['rejectionNamed'], importPath(path, layout.runtimeIndex)) : '') +
    importLine(['deciderSpec', 'modelCase', ...(agg.commands.length > 0 ? ['todoForCommandsWithoutCase'] : [])], importPath(path, layout.modelCase)) +
    `\n` +
    `const given = deciderSpec(${names.decider});\n\n` +
    // The user-owned commands test is never rewritten: a command added later is a todo here.
    (agg.commands.length > 0
      ? `todoForCommandsWithoutCase(new URL(${str(`./${layout.commandsTest(facts.context.name, agg.aggregate.name).split('/').pop()}`)}, import.meta.url), [${agg.commands.map((c) => str(c.name)).join(', ')}]);\n\n`
      : '') +
    (specs.length === 0
      ? `it.todo(${str(`${agg.aggregate.name}: the model has no specs yet [todo: add given/when/then specs to ${facts.context.file}]`)});\n`
      : specs.map((s) => specCase(agg, s)).join('\n'));
  return { path, contents, ownership: 'generated', sources: [facts.context.file] };
}

/** The events a command's default logic emits for `data`, or undefined when it has no default. */
export function defaultOutcome(facts: ContextFacts, command: Command, data: { [key: string]: JsonValue }): SpecMessage[] | undefined {
  const outcome: SpecMessage[] = [];
  for (const ref of command.emits) {
    const event = facts.eventsByName.get(ref.name);
    const mapping = event ? fieldMapping(event.fields, command.fields) : undefined;
    if (!event || !mapping) return undefined;
    const eventData: { [key: string]: JsonValue } = {};
    for (const { field, from } of mapping) if (data[from.name] !== undefined) eventData[field.name] = data[from.name]!;
    outcome.push({ type: ref, data: eventData, loc: command.loc });
  }
  return outcome;
}

export function commandsTestFile(facts: ContextFacts, agg: AggregateFacts): PlannedFile {
  const path = layout.commandsTest(facts.context.name, agg.aggregate.name);
  const names = agg.names;
  let needsExpect = false;
  let needsRejection = false;
  const cases = agg.commands.map((command) => {
    const data = sampleObject(facts.model, facts.context.name, command.fields);
    const when = `{ type: ${str(command.name)}, data: ${tsLiteral(data, '    ')} }`;
    const outcome = defaultOutcome(facts, command, data);
    // A model spec of this command on an aggregate that exists (given events) or does not (none)
    // is the model's word on that case: no existence case contradicts it (a creating command may
    // rightly change nothing when its aggregate exists).
    const specFor = (exists: boolean) => facts.context.specs.some((sp) => sp.when.type.name === command.name && sp.given.length > 0 === exists);
    // Existence (the model's `creates`, generator/model/existence.ts): a command that does not
    // create its aggregate is rejected while the aggregate does not exist, whatever its logic.
    if (command.creates !== true && !specFor(false)) {
      needsRejection = true;
      const rejection = notFoundRejection(agg.aggregate.name);
      return `modelCase(${str(`${command.name} when the ${agg.aggregate.name} does not exist is rejected: ${rejection}`)}, () =>\n  given([])\n    .when(${when})\n    .thenThrows(rejectionNamed(${str(rejection)})),\n);\n`;
    }
    if (command.creates !== true) return `// ${command.name} when the ${agg.aggregate.name} does not exist: the model's spec says what happens (${names.folder}.specs.test.ts).\n`;
    if (outcome && outcome.length > 0 && !specFor(true)) {
      // A creating command on an aggregate that exists (made by its own default outcome) is rejected.
      needsRejection = true;
      const rejection = alreadyExistsRejection(agg.aggregate.name);
      const again =
        `modelCase(${str(`${command.name} when the ${agg.aggregate.name} already exists is rejected: ${rejection}`)}, () =>\n` +
        `  given([\n${outcome.map((e) => `    ${message(e, '    ')},\n`).join('')}  ])\n` +
        `    .when(${when})\n    .thenThrows(rejectionNamed(${str(rejection)})),\n);\n`;
      const then = `.then([\n${outcome.map((e) => `      ${message(e, '      ')},\n`).join('')}    ])`;
      return `modelCase(${str(`${command.name} on a new ${agg.aggregate.name}`)}, () =>\n  given([])\n    .when(${when})\n    ${then},\n);\n\n${again}`;
    }
    if (outcome) {
      const then = outcome.length === 0 ? '.thenNothingHappened()' : `.then([\n${outcome.map((e) => `      ${message(e, '      ')},\n`).join('')}    ])`;
      return `modelCase(${str(`${command.name} on a new ${agg.aggregate.name}`)}, () =>\n  given([])\n    .when(${when})\n    ${then},\n);\n`;
    }
    needsExpect = true;
    return (
      `modelCase(${str(`${command.name} on a new ${agg.aggregate.name}`)}, () => {\n` +
      `  // While decide${commandNames(command).type} is a stub this case is todo. Once you have written it,\n` +
      `  // replace the line below with the outcome you expect (then, thenThrows, thenNothingHappened).\n` +
      `  given([]).when(${when}).thenNothingHappened();\n` +
      `  expect.fail(${str(`decide${commandNames(command).type} has logic now: write the outcome this case expects`)});\n` +
      `});\n`
    );
  });
  const contents =
    `// One case per command of ${agg.aggregate.name} (${facts.context.file}).\n` +
    `//\n` +
    `// This file is yours: Stormsmith created it once with the outcome the model implies and never\n` +
    `// rewrites it. Add your own cases here; the model's specs live in ${names.folder}.specs.test.ts.\n` +
    (needsExpect ? importLine(['expect'], 'vitest') : '') +
    (agg.commands.length === 0 ? importLine(['it'], 'vitest') : '') +
    importLine([names.decider], importPath(path, layout.aggregate(facts.context.name, agg.aggregate.name, 'decider'))) +
    (needsRejection ? importLine(['rejectionNamed'], importPath(path, layout.runtimeIndex)) : '') +
    importLine(['deciderSpec', 'modelCase'], importPath(path, layout.modelCase)) +
    `\n` +
    `const given = deciderSpec(${names.decider});\n\n` +
    (cases.length === 0 ? `it.todo(${str(`${agg.aggregate.name} has no commands yet`)});\n` : cases.join('\n'));
  return { path, contents, ownership: 'scaffold', sources: [facts.context.file] };
}
