// Names become TypeScript identifiers, file names and JSON keys: they must be plain ASCII
// identifiers. Non-ASCII letters and look-alikes are refused here, at the source, rather than
// escaped later (hardening.md C2: reject unsafe names at ingestion).
import { ASCII_IDENTIFIER, toCamelCase, toPascalCase } from '../identifiers.js';
import { replaceLookAlikes } from '../look-alikes.js';
import { describeChar, firstNonAscii } from '../names.js';
import { report, type Rule } from '../rule.js';

export const identifierGrammar: Rule = {
  id: 'identifier-grammar',
  code: 'E_INVALID_IDENTIFIER',
  severity: 'error',
  description: 'Every name (contexts, elements, fields, identities, keys, rejections) is an ASCII identifier: a letter, then letters and digits.',
  check(_model, index) {
    const out = [];
    for (const n of index.names) {
      if (ASCII_IDENTIFIER.test(n.name)) continue;
      const bad = firstNonAscii(n.name);
      // Strip accents first (`Clérk` -> `Clerk`) so the proposal is the name the user meant.
      // Then map look-alikes (`Оrder` with a Cyrillic О -> `Order`); a letter still not ASCII
      // means no proposal at all, rather than one that silently drops it.
      const ascii = replaceLookAlikes(n.name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC'));
      const fixed = firstNonAscii(ascii) ? undefined : n.role === 'field' || n.role === 'identity' || n.role === 'key' ? toCamelCase(ascii) : toPascalCase(ascii);
      const why = n.name.length === 0 ? 'is empty' : bad ? `contains the non-ASCII character ${describeChar(bad)}` : /^[0-9]/.test(n.name) ? 'starts with a digit' : 'contains characters that are not letters or digits';
      out.push(
        report(this, {
          at: n.at,
          message: `${n.label} is not a valid identifier: it ${why}`,
          hint: fixed && !firstNonAscii(fixed) ? `use letters and digits only, e.g. "${fixed}"` : 'use ASCII letters and digits only (the name becomes a TypeScript identifier and a file name)',
        }),
      );
    }
    return out;
  },
};
