// Model names become folders and files of the generated project: a context is `src/<context>/`
// and `test/<context>/`, an aggregate `src/<context>/<aggregate>/`, a projection or policy a
// `<name>.ts`, a message a `<Name>.schema.json`. A name that lands on one of the generator's own
// folders (a context `Runtime` over `src/runtime/`, `Support` into `test/support/`, an aggregate
// `Projections` into `src/<context>/projections/`) or on a device name Windows reserves (`Con`,
// `Aux`, `Nul`, `Com1`, `Lpt1`) is refused here, at the model line, instead of failing, or
// silently merging folders, when `generate` writes (issue 11: validate and generate agree).
import type { Diagnostic } from '../../types.js';
import { elementsOf } from '../name-index.js';
import { GENERATOR_CONTEXT_FOLDERS, GENERATOR_TOP_FOLDERS, WINDOWS_DEVICE_NAME, outputName } from '../output-names.js';
import { KIND_LABEL } from '../references.js';
import { report, type Rule } from '../rule.js';

export const outputNameRule: Rule = {
  id: 'output-name',
  code: 'E_OUTPUT_NAME_CLASH',
  severity: 'error',
  description: "Context and element names do not land on the generator's own folders (src/runtime/, test/support/, ...) or on Windows device names (Con, Aux, Nul, Com1, Lpt1).",
  check(model) {
    const out: Diagnostic[] = [];
    const windows = (label: string, name: string, at: Parameters<typeof report>[1]['at']) => {
      if (!WINDOWS_DEVICE_NAME.test(outputName(name))) return;
      out.push(
        report(this, {
          code: 'E_WINDOWS_RESERVED_NAME',
          at,
          message: `${label} becomes the file or folder name "${outputName(name)}", a device name Windows reserves: the generated project could not be checked out there`,
          hint: `use a longer domain name, e.g. "${name}Record"`,
        }),
      );
    };
    for (const c of model.contexts) {
      const folder = outputName(c.name);
      if (GENERATOR_TOP_FOLDERS.has(folder)) {
        out.push(
          report(this, {
            at: c.loc,
            message: `context ${c.name} would be generated into src/${folder}/ and test/${folder}/, folders the generator keeps for its own files`,
            hint: `name the context after its domain, e.g. "${c.name}Desk" or "${c.name}Context"`,
          }),
        );
      }
      windows(`context ${c.name}`, c.name, c.loc);
      for (const e of elementsOf(c)) {
        if (e.kind === 'aggregate' && GENERATOR_CONTEXT_FOLDERS.has(outputName(e.name))) {
          out.push(
            report(this, {
              at: e.loc,
              message: `aggregate ${e.name} would be generated into src/${folder}/${outputName(e.name)}/, a folder the generator keeps for the context's ${outputName(e.name)}`,
              hint: `name the aggregate after one thing it guards, e.g. "${e.name.replace(/s$/, '')}Record"`,
            }),
          );
        }
        windows(`${KIND_LABEL[e.kind]} ${e.name}`, e.name, e.loc);
      }
    }
    return out;
  },
};
