// Where the evolution outputs go in the generated project (next to emit/layout.ts's paths).

import { contextFolder, pascalCase } from '../../names.js';

export const evolutionLayout = {
  /** Helpers shared by every context's upcasters, and the composition of all of them. */
  support: 'src/evolution/support.ts',
  index: 'src/evolution/index.ts',
  upcasters: (context: string) => `src/${contextFolder(context)}/evolution/upcasters.ts`,
  /** User-owned: the bodies of custom upcast steps. */
  customUpcasts: (context: string) => `src/${contextFolder(context)}/evolution/upcasts.logic.ts`,
  museumFolder: (context: string) => `test/museum/${contextFolder(context)}`,
  museumExhibit: (context: string, event: string, version: number) => `test/museum/${contextFolder(context)}/${pascalCase(event)}.v${version}.json`,
  museumTest: (context: string) => `test/museum/${contextFolder(context)}.museum.test.ts`,
} as const;
