// The short field-type syntax: `uuid`, `Money[]`, `string?`, `enum(a|b|c)`, `int[][]`.
//
//   type := base ('[]')* '?'?
//   base := primitive | ValueObjectName | 'enum(' value ('|' value)* ')'
//
// A trailing `?` means optional; it is not part of the TypeRef. Value-object names are
// identifiers; whether they exist is the validator's business.

import { PRIMITIVE_TYPE_NAMES, type PrimitiveTypeName, type TypeRef } from '../types.js';

export type ParsedType = { ok: true; type: TypeRef; optional: boolean } | { ok: false; message: string; hint: string };

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ENUM_VALUE = /^[^\s|()]+$/;

export function parseTypeText(text: string): ParsedType {
  let rest = text.trim();
  if (rest === '') return { ok: false, message: 'empty field type', hint: 'write a type such as `string`, `uuid`, `Money[]` or `enum(a|b)`' };
  let optional = false;
  if (rest.endsWith('?')) {
    optional = true;
    rest = rest.slice(0, -1).trimEnd();
  }
  let depth = 0;
  while (rest.endsWith('[]')) {
    depth++;
    rest = rest.slice(0, -2).trimEnd();
  }
  const base = parseBase(rest, text);
  if (!base.ok) return base;
  let type: TypeRef = base.type;
  for (let i = 0; i < depth; i++) type = { kind: 'array', of: type };
  return { ok: true, type, optional };
}

function parseBase(text: string, whole: string): { ok: true; type: TypeRef } | { ok: false; message: string; hint: string } {
  if ((PRIMITIVE_TYPE_NAMES as readonly string[]).includes(text)) return { ok: true, type: { kind: 'primitive', name: text as PrimitiveTypeName } };
  const enumMatch = /^enum\s*\((.*)\)$/s.exec(text);
  if (enumMatch) {
    const values = (enumMatch[1] ?? '').split('|').map((v) => v.trim());
    const bad = values.find((v) => !ENUM_VALUE.test(v));
    if (bad !== undefined) {
      return {
        ok: false,
        message: `bad enum value ${bad === '' ? '(empty)' : `"${bad}"`} in type "${whole}"`,
        hint: 'write enum values separated by `|`, without spaces or parentheses: `enum(open|closed)`',
      };
    }
    const seen = new Set<string>();
    for (const v of values) {
      if (seen.has(v)) return { ok: false, message: `enum value "${v}" appears twice in type "${whole}"`, hint: 'list each value once' };
      seen.add(v);
    }
    return { ok: true, type: { kind: 'enum', values } };
  }
  if (IDENTIFIER.test(text)) return { ok: true, type: { kind: 'ref', name: text } };
  return {
    ok: false,
    message: `cannot read field type "${whole}"`,
    hint: `use a built-in type (${PRIMITIVE_TYPE_NAMES.join(', ')}), a value object name, \`T[]\`, \`T?\` or \`enum(a|b)\``,
  };
}

/** The canonical short form of a type (what the serializer writes). */
export function formatType(type: TypeRef): string {
  switch (type.kind) {
    case 'primitive':
      return type.name;
    case 'ref':
      return type.name;
    case 'enum':
      return `enum(${type.values.join('|')})`;
    case 'array':
      return `${formatType(type.of)}[]`;
    case 'schema':
      return 'schema';
  }
}
