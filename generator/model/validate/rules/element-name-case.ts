// Element and context names become type names and file names: PascalCase keeps generated code
// idiomatic and makes names that differ only in case impossible to write by accident.
import { ASCII_IDENTIFIER, PASCAL_CASE, toPascalCase } from '../identifiers.js';
import { report, type Rule } from '../rule.js';

export const elementNameCase: Rule = {
  id: 'element-name-case',
  code: 'E_NAME_CASE',
  severity: 'error',
  description: 'Context and element names are PascalCase (OrderPlaced, not orderPlaced or Order_Placed).',
  check(_model, index) {
    return index.names
      .filter((n) => (n.role === 'element' || n.role === 'context') && ASCII_IDENTIFIER.test(n.name) && !PASCAL_CASE.test(n.name))
      .map((n) =>
        report(this, {
          at: n.at,
          message: `${n.label} is not PascalCase`,
          hint: `rename it to "${toPascalCase(n.name)}"`,
        }),
      );
  },
};
