// Layering of Stormsmith (docs/adr/0070-layering-enforced.md), checked in `npm test` by
// test/architecture/layers.test.ts. Faces (app/, the CLI) -> the generator's entry point
// (generator/generate.ts) -> the model core (generator/model). Nothing imports upward; no circles.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A file circle makes the order of module evaluation matter and both files one unit; split the shared part out.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-is-self-contained',
      comment: 'The model core (generator/model) runs in the browser and in Node: it imports no other project file.',
      severity: 'error',
      from: { path: '^generator/model/' },
      to: { path: '^(?!generator/model/)(app|generator|bench|test|templates|models)/' },
    },
    {
      name: 'core-has-no-node-builtins',
      comment: 'The model core is pure: no node:fs, no node:path, no other Node builtin (it is bundled for the browser).',
      severity: 'error',
      from: { path: '^generator/model/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'generator-never-imports-app',
      comment: 'The generator sits below the faces; only the `studio` command starts the studio server (app/studio) and its workspace.',
      severity: 'error',
      from: { path: '^generator/', pathNot: '^generator/cli/commands/studio\\.ts$' },
      to: { path: '^app/' },
    },
    {
      name: 'generator-never-imports-cli',
      comment: 'The CLI is a face: the generator below it never reaches up into it. A feature may keep its command modules in its own cli/ folder (generator/export/cli/): those are part of the face.',
      severity: 'error',
      from: { path: '^generator/', pathNot: '^generator/(cli|[^/]+/cli)/|-command[.]ts$' },
      to: { path: '^generator/cli/' },
    },
    {
      name: 'app-uses-public-entries',
      comment:
        'app/ sees the generator only through its public entries: the model core (generator/model/index.ts, and types.ts, ' +
        'the format vocabulary that index.ts re-exports whole; without-parser.ts, its parts that need no YAML parser) and generator/generate.ts.',
      severity: 'error',
      from: { path: '^app/' },
      to: { path: '^generator/', pathNot: '^generator/(model/index|model/types|model/without-parser|generate)\\.ts$' },
    },
    {
      name: 'canvas-loads-the-parser-lazily',
      comment:
        "The canvas's main code imports the model core's YAML-free parts (generator/model/without-parser.ts); the loader, serializer " +
        'and validator are one lazily loaded chunk, reached only through app/renderer/workspace/core.ts (docs/adr/0045).',
      severity: 'error',
      from: { path: '^app/renderer/', pathNot: '^app/renderer/workspace/core\\.ts$' },
      to: { path: '^generator/model/index\\.ts$' },
    },
    {
      name: 'emitters-are-siblings',
      comment:
        'Emitters (generator/emit) read the generation IR (generator/ir) and the printing kit, never each other (docs/adr/0073-generation-ir.md): ' +
        'a name or path two emitters must agree on belongs in the IR. Only composers (a folder index.ts, aggregate-files.ts) list emitters.',
      severity: 'error',
      from: { path: '^generator/emit/', pathNot: ['^generator/emit/[a-z-]+/index[.]ts$', '^generator/emit/aggregate-files[.]ts$'] },
      to: { path: '^generator/emit/', pathNot: '^generator/emit/(code|markdown|type-text|ts-types|templates|versions|imports|arbitraries|static-files)[.]ts$' },
    },
    {
      name: 'ir-below-emitters',
      comment: 'The generation IR (generator/ir) computes names and paths from the model; it prints nothing and imports no emitter.',
      severity: 'error',
      from: { path: '^generator/ir/' },
      to: { path: '^generator/emit/' },
    },
  ],
  options: {
    parser: 'swc',
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|release)/' },
    moduleSystems: ['es6', 'cjs'],
    // Sources import each other as `./x.js` (TypeScript's NodeNext/bundler style): resolve to the .ts/.tsx.
    enhancedResolveOptions: { extensionAlias: { '.js': ['.ts', '.tsx', '.js'], '.mjs': ['.mts', '.mjs'], '.cjs': ['.cts', '.cjs'] } },
  },
};
