// The model core's public parts that need no YAML parser: what the canvas's main code uses
// (names, relationship table, drafts, the name index, type and field-source syntax, new contexts).
// The loader, serializer and validator (with the yaml library) stay behind index.ts, which the
// canvas loads as a separate chunk only when it parses or saves (docs/adr/0045).
export { FRAME_KEY } from './layout-names.js';
export { emptyContext } from './empty-context.js';
export { isDraftCommand, isDraftEvent } from './drafts.js';
export { REFERENCE_SLOTS, CONNECTIONS, ANY_ELEMENT, slotsOf, slotRefs, arrowEnds, holderEnd, type Relation, type ReferenceSlot } from './relations.js';
export { buildNameIndex, type NameIndex } from './validate/name-index.js';
export { parseTypeText, formatType, type ParsedType } from './load/type-syntax.js';
export { parseFieldSource, formatFieldSource, parseFieldSourceLine } from './field-source.js';
export { policiesWithFieldRenamed, type FieldOwner } from './field-rename.js';
