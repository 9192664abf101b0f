// Identifier grammar and reserved names. Model names become TypeScript type names, file names
// and JSON property names, so they must be plain ASCII identifiers that cannot shadow anything the
// generated code relies on.

/** ASCII identifier grammar shared by every name that reaches generated code. */
export const ASCII_IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
/** Element names (types, files): `OrderPlaced`, `HTTPGateway` allowed; no `_` or `$`. */
export const PASCAL_CASE = /^[A-Z][A-Za-z0-9]*$/;
/** Field names (JSON properties): `orderId`, `line2`; no `_` or `$`. */
export const CAMEL_CASE = /^[a-z][A-Za-z0-9]*$/;

/** `order_placed` -> `OrderPlaced`, `order-id` -> `orderId`, for hints. */
export function toPascalCase(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter((w) => w.length > 0);
  const joined = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
  return /^[0-9]/.test(joined) ? `N${joined}` : joined;
}

export function toCamelCase(name: string): string {
  const pascal = toPascalCase(name);
  return pascal.length === 0 ? pascal : pascal[0]!.toLowerCase() + pascal.slice(1);
}

/**
 * The key under which two names collide in generated code or on a case-insensitive file system:
 * Unicode compatibility-normalised (NFKC, which includes NFC), case-folded, separators dropped.
 * `Foo_Bar`, `FooBar`, `foobar` and the full-width `ＦｏｏＢａｒ` all map to `foobar`.
 */
export function collisionKey(name: string): string {
  // NFKC leaves ASCII unchanged, so the usual all-ASCII name skips it (this runs for every
  // element and field of the model; collisionKey showed in profiles of big models).
  const normal = NOT_ASCII.test(name) ? name.normalize('NFKC') : name;
  return normal.toLowerCase().replace(SEPARATORS, '');
}

const NOT_ASCII = /[^\u0000-\u007f]/;
const SEPARATORS = /[_\-\s$]/g;

/** Reserved words that can never be an identifier, in any case the generator might derive. */
export const STRICT_RESERVED_WORDS: ReadonlySet<string> = new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else',
  'enum', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof',
  'new', 'null', 'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void',
  'while', 'with', 'yield', 'let', 'static', 'implements', 'interface', 'package', 'private', 'protected',
  'public', 'await', 'arguments', 'eval',
]);

/** TypeScript's contextual keywords and type names: legal in some positions, confusing in all. */
export const CONTEXTUAL_WORDS: ReadonlySet<string> = new Set([
  'async', 'as', 'any', 'boolean', 'constructor', 'declare', 'get', 'module', 'require', 'number', 'set',
  'string', 'symbol', 'type', 'from', 'of', 'namespace', 'never', 'unknown', 'object', 'keyof', 'readonly',
  'infer', 'is', 'asserts', 'satisfies', 'accessor', 'out', 'override', 'undefined', 'bigint', 'global',
]);

/**
 * Globals that generated code uses and a generated type or value of the same name would shadow.
 * Browser-only globals (`Document`, `File`, `Request`, ...) are not listed: the generated service
 * never uses them, and they are ordinary domain words.
 */
export const RESERVED_GLOBALS: ReadonlySet<string> = new Set([
  'Object', 'Function', 'Array', 'String', 'Number', 'Boolean', 'Symbol', 'BigInt', 'Date', 'RegExp',
  'Error', 'TypeError', 'RangeError', 'SyntaxError', 'Map', 'Set', 'WeakMap', 'WeakSet', 'Promise',
  'Proxy', 'Reflect', 'JSON', 'Math', 'Intl', 'Buffer', 'URL', 'Record', 'Partial', 'Required',
  'Readonly', 'Pick', 'Omit', 'Exclude', 'Extract', 'ReturnType', 'Awaited', 'NonNullable', 'Uint8Array',
  'ArrayBuffer', 'Iterator', 'Generator', 'Infinity', 'NaN', 'Event',
]);

/**
 * Names the generated service imports from Emmett, pg and its own support module; an element with
 * one of these names would clash with an import in the same generated file.
 */
export const GENERATED_IMPORTS: ReadonlySet<string> = new Set([
  'Event', 'Command', 'Decider', 'CommandHandler', 'DeciderCommandHandler', 'EventStore', 'ReadEvent',
  'ReadEventMetadata', 'EventMetaDataOf', 'CommandMetaDataOf', 'DefaultCommandMetadata',
  'ExpectedStreamVersion', 'ExpectedVersionConflictError', 'IllegalStateError', 'ValidationError',
  'EmmettError', 'NotFoundError', 'InMemoryEventStore', 'PostgresEventStore', 'Projection',
  'ProjectionDefinition', 'PostgreSQLProjectionDefinition', 'Reactor', 'MessageProcessor',
  'WorkflowCommandHandler', 'DeciderSpecification', 'Pool', 'Client', 'Upcaster', 'Schema', 'Ajv',
]);

/**
 * Property names that change an object's prototype or shadow its machinery (hardening C1.5):
 * every member of `Object.prototype` (a field `isPrototypeOf` or `toLocaleString` clashes with the
 * inherited method in generated types), plus `prototype`. Listed, not read from the running
 * engine, so that validation gives the same answer everywhere; a test checks the list is complete.
 */
export const RESERVED_FIELD_NAMES: ReadonlySet<string> = new Set([
  '__proto__', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__',
  'constructor', 'prototype', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable',
  'toLocaleString', 'toString', 'valueOf',
]);
