// Public barrel of the model core (pure: runs in Node and in the browser).
export * from './types.js';
export { loadModel, loadContextFile, type LoadOptions, type ContextFileResult } from './load.js';
export { emptyContext } from './load/context.js';
export { parseLayout, isLayoutFile, domainFileOfLayout, layoutFileOf, LAYOUT_SUFFIX, FRAME_KEY } from './layout.js';
export { parseTypeText, formatType, type ParsedType } from './load/type-syntax.js';
export { didYouMean } from './suggest.js';
export { serializeContext, serializeChecked, serializeLayout, type SerializeResult } from './serialize.js';
export { validateModel, sortDiagnostics, buildNameIndex, type NameIndex, type ValidateOptions } from './validate/index.js';
export { isDraftCommand, isDraftEvent, draftsOf, draftsRefusal, type Draft } from './drafts.js';
export { REFERENCE_SLOTS, CONNECTIONS, ANY_ELEMENT, slotsOf, slotRefs, arrowEnds, holderEnd, type Relation, type ReferenceSlot } from './relations.js';

export { parseFieldSource, formatFieldSource, parseFieldSourceLine } from './field-source.js';
export { policiesWithFieldRenamed, type FieldOwner } from './field-rename.js';
export { isNfc, WINDOWS_RESERVED } from './portable-name.js';
