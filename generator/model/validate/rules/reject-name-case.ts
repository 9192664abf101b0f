// Rejections (domain errors) become error classes in generated code, so they follow the same
// PascalCase rule as elements, although they are not elements of their own.
import { ASCII_IDENTIFIER, PASCAL_CASE, toPascalCase } from '../identifiers.js';
import { report, type Rule } from '../rule.js';

export const rejectNameCase: Rule = {
  id: 'reject-name-case',
  code: 'E_NAME_CASE',
  severity: 'error',
  description: 'Names in a command\'s `rejects` list are PascalCase (LoanLimitReached).',
  check(_model, index) {
    return index.names
      .filter((n) => n.role === 'reject' && ASCII_IDENTIFIER.test(n.name) && !PASCAL_CASE.test(n.name))
      .map((n) =>
        report(this, {
          at: n.at,
          message: `${n.label} is not PascalCase`,
          hint: `rename it to "${toPascalCase(n.name)}"`,
        }),
      );
  },
};
