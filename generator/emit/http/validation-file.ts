// src/validation.ts of a generated service: every command's JSON Schema (the same objects as the
// generated *.schema.json files) compiled with Ajv (draft 2020-12, formats), so that the HTTP API
// and the command handlers' entry (in-process callers, policies) check data the same way.

import type { PlannedFile } from '../../plan-types.js';
import { commandJsonSchema } from '../../schemas/json-schema.js';
import { generatedHeader, str } from '../code.js';
import type { ContextFacts } from '../../ir/context.js';
import { commandRoutes } from '../../ir/routes.js';
import { httpLayout } from '../../ir/paths.js';

const indented = (value: unknown, indent: string): string => JSON.stringify(value, null, 2).replace(/\n/g, `\n${indent}`);

export function validationFile(all: readonly ContextFacts[], sources: string[]): PlannedFile {
  const routes = commandRoutes(all);
  const entries = routes.map((r) => `  ${str(r.key)}: ${indented(commandJsonSchema(r.facts.model, r.command), '  ')},\n`).join('');
  const contents =
    generatedHeader(sources) +
    `// Run-time validation of command data against the generated JSON Schemas (the objects below are\n` +
    `// the src/<context>/schemas/commands/*.schema.json files). The HTTP API checks a body before it\n` +
    `// runs a command (400 with every failing field); the command handlers check again at entry, so\n` +
    `// in-process callers (your code, policies) get the same guarantee. Validators compile on first use.\n` +
    `import { Ajv2020 } from 'ajv/dist/2020.js';\n` +
    `import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';\n` +
    `import addFormatsModule from 'ajv-formats';\n` +
    `import { ErrorCodes } from './runtime/index.js';\n` +
    `import type { FieldError } from './http/support.js';\n\n` +
    `export type { FieldError };\n\n` +
    `// ajv-formats is CommonJS: its default export arrives wrapped under some module loaders.\n` +
    `const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as typeof addFormatsModule;\n\n` +
    `export const commandSchemas = {\n${entries}} as const;\n\n` +
    `export type CommandKey = keyof typeof commandSchemas;\n\n` +
    `/** Command data that fails its schema. errorCode 400, as Emmett's ValidationError (src/runtime/errors.ts). */\n` +
    `export class CommandValidationError extends Error {\n` +
    `  readonly errorCode: number = ErrorCodes.ValidationError;\n` +
    `  constructor(\n` +
    `    readonly command: CommandKey,\n` +
    `    readonly errors: FieldError[],\n` +
    `  ) {\n` +
    `    super(\`\${command}: \${errors.map((e) => \`\${e.field || '/'} \${e.message}\`).join('; ')}\`);\n` +
    `    this.name = 'CommandValidationError';\n` +
    `  }\n` +
    `}\n\n` +
    `// strict: false lets the schemas' annotations (x-unit, $comment) through; allErrors reports every field.\n` +
    `const ajv = new Ajv2020({ allErrors: true, strict: false });\n` +
    `addFormats(ajv);\n` +
    `const compiled = new Map<CommandKey, ValidateFunction>();\n\n` +
    `const validatorFor = (command: CommandKey): ValidateFunction => {\n` +
    `  let validate = compiled.get(command);\n` +
    `  if (validate === undefined) {\n` +
    `    validate = ajv.compile(commandSchemas[command]);\n` +
    `    compiled.set(command, validate);\n` +
    `  }\n` +
    `  return validate;\n` +
    `};\n\n` +
    `const fieldError = (error: ErrorObject): FieldError => {\n` +
    `  const params = error.params as { missingProperty?: string; additionalProperty?: string };\n` +
    `  const child = params.missingProperty ?? params.additionalProperty;\n` +
    `  const field = child === undefined ? error.instancePath : \`\${error.instancePath}/\${child.replace(/~/g, '~0').replace(/\\//g, '~1')}\`;\n` +
    `  return { field, message: error.message ?? error.keyword };\n` +
    `};\n\n` +
    `/** Every failing field of \`data\` for \`command\` (empty: valid). */\n` +
    `export const validateCommandData = (command: CommandKey, data: unknown): FieldError[] => {\n` +
    `  const validate = validatorFor(command);\n` +
    `  return validate(data) ? [] : (validate.errors ?? []).map(fieldError);\n` +
    `};\n\n` +
    `/** Returns the command when its data is valid; throws CommandValidationError otherwise. */\n` +
    `export const validCommand = <C extends { data: unknown }>(command: CommandKey, message: C): C => {\n` +
    `  const errors = validateCommandData(command, message.data);\n` +
    `  if (errors.length > 0) throw new CommandValidationError(command, errors);\n` +
    `  return message;\n` +
    `};\n`;
  return { path: httpLayout.validation, contents, ownership: 'generated', sources };
}
