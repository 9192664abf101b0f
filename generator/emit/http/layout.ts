// Where the HTTP API, configuration, extension points and packaging files of a generated service
// go (docs/generated-project.md). Emitters ask this module for paths, never build them by hand.

export const httpLayout = {
  main: 'src/main.ts',
  validation: 'src/validation.ts',
  settings: 'src/settings.ts',
  app: 'src/http/app.ts',
  support: 'src/http/support.ts',
  openApiModule: 'src/http/openapi.ts',
  openApiDoc: 'docs/openapi.json',
  extensionConfig: 'src/extensions/config.ts',
  extensionHooks: 'src/extensions/hooks.ts',
  extensionRoutes: 'src/extensions/routes.ts',
  extensionWiring: 'src/extensions/wiring.ts',
  tsconfigBuild: 'tsconfig.build.json',
  readme: 'README.md',
  gitignore: '.gitignore',
  dockerfile: 'Dockerfile',
  dockerignore: '.dockerignore',
  compose: 'compose.yaml',
  httpTestSupport: 'test/http/support.ts',
  httpTest: (contextFolder: string, file: string) => `test/http/${contextFolder}/${file}.http.pg.test.ts`,
} as const;
