// The generator derives type names from model names (generator/names.ts): aggregate Order gets
// `OrderState`, `OrderEvent` (union of its events) and `OrderCommand`; every message M gets
// `MData` (and `MV1Data` per previous version); every command C gets `CRejections`; every
// rejection R becomes an error class `R`. A model element that already has one of those names
// would produce two declarations of one name in generated code, so it is refused here with a
// message that says which derived name it hits. (test/unit/validate/generated-name-clash.test.ts
// checks these conventions against generator/names.ts.)
import { alreadyExistsRejection, notFoundRejection } from '../../existence.js';
import type { Diagnostic } from '../../types.js';
import { elementsOf, type NamedElement } from '../name-index.js';
import { KIND_LABEL } from '../references.js';
import { report, type Rule } from '../rule.js';

export const generatedNameClash: Rule = {
  id: 'generated-name-clash',
  code: 'E_GENERATED_NAME_CLASH',
  severity: 'error',
  description: 'Element and rejection names do not clash with the names the generator derives (OrderState, OrderEvent, OrderCommand, <Message>Data, <Command>Rejections).',
  check(model) {
    const out: Diagnostic[] = [];
    for (const c of model.contexts) {
      const elements = new Map<string, NamedElement>();
      for (const e of elementsOf(c)) if (!elements.has(e.name)) elements.set(e.name, e);
      // Derived name -> what it is, for every name the generator will declare in this context.
      const derived = new Map<string, string>();
      for (const a of c.aggregates) {
        derived.set(`${a.name}State`, `the state type of aggregate ${a.name}`);
        derived.set(`${a.name}Event`, `the union of aggregate ${a.name}'s events`);
        derived.set(`${a.name}Command`, `the union of aggregate ${a.name}'s commands`);
        derived.set(`${a.name}Lifecycle`, `the lifecycle type of aggregate ${a.name} (whether it exists)`);
        derived.set(notFoundRejection(a.name), `the rejection of a command on a ${a.name} that does not exist`);
        derived.set(alreadyExistsRejection(a.name), `the rejection of a creating command on a ${a.name} that exists`);
      }
      for (const m of [...c.commands, ...c.events]) {
        derived.set(`${m.name}Data`, `the data type of ${m.kind} ${m.name}`);
        if (m.kind === 'command') derived.set(`${m.name}Rejections`, `the rejections type of command ${m.name}`);
        else for (const v of m.previousVersions) derived.set(`${m.name}V${v.version}Data`, `the data type of version ${v.version} of event ${m.name}`);
      }
      for (const [name, element] of elements) {
        const what = derived.get(name);
        if (!what) continue;
        out.push(
          report(this, {
            at: element.loc,
            message: `${KIND_LABEL[element.kind]} ${name} clashes with a name the generator derives: ${name} is ${what}`,
            hint: `rename the ${KIND_LABEL[element.kind]} (e.g. "${name.replace(/(State|Event|Command|Data|Rejections)$/, '')}${element.kind === 'valueObject' ? 'Info' : 'Details'}")`,
          }),
        );
      }
      for (const command of c.commands) {
        // A command's entry function is its camelCase name, exported from the command-handler
        // module: `then` there makes the module namespace a thenable, so `await import(...)`
        // would call it instead of resolving to the module (issue 17 item 9).
        if (command.name.toLowerCase() === 'then') {
          out.push(
            report(this, {
              at: command.loc,
              message: `command ${command.name} clashes with a name the generator derives: its handler function would be exported as \`then\`, which makes the module a thenable (await import(...) would call it)`,
              hint: `rename the command to say what it does, e.g. "Proceed" or "${command.name}Step"`,
            }),
          );
        }
        for (const reject of command.rejects) {
          const clash = elements.get(reject.name);
          // Declaring an existence rejection yourself is allowed: it is the same error class.
          const existence = reject.name === notFoundRejection(command.aggregate.name) || reject.name === alreadyExistsRejection(command.aggregate.name);
          const what = clash ? `${KIND_LABEL[clash.kind]} ${reject.name}` : existence ? undefined : derived.get(reject.name);
          if (!what) continue;
          out.push(
            report(this, {
              at: reject.loc,
              message: `rejection ${reject.name} of command ${command.name} becomes an error class named like ${clash ? what : `${reject.name}, ${what}`}`,
              hint: `name the rejection after the broken rule, e.g. "${reject.name}Refused" or "${command.name}NotAllowed"`,
              ...(clash ? { related: [clash.loc] } : {}),
            }),
          );
        }
      }
    }
    return out;
  },
};
