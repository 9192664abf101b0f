// The packaging configuration: fuses flipped by the afterPack hook (exercised on a stand-in
// binary that carries Electron's fuse sentinel), the electron-builder targets, and the rule that
// only the two entry files import electron at run time.
import { getCurrentFuseWire, FuseState, FuseV1Options } from '@electron/fuses';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import afterPack, { electronBinaryPath } from '../../security/after-pack-fuses.mjs';
import { makeTempFolder, type TempFolder } from '../workspace/temp-folder.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

describe('fuses afterPack hook', () => {
  let out: TempFolder;
  beforeEach(async () => void (out = await makeTempFolder('stormsmith-pack-')));
  afterEach(() => out.remove());

  it('flips the security fuses in the packaged binary', async () => {
    // Electron 45's wire: version 1, 9 fuses, defaults as shipped (RunAsNode etc. enabled).
    const shipped = Buffer.from([1, 9, ...'101100011'.split('').map((c) => (c === '1' ? FuseState.ENABLE : FuseState.DISABLE))]);
    const binary = Buffer.concat([Buffer.alloc(4096, 7), Buffer.from(SENTINEL), shipped, Buffer.alloc(4096, 7)]);
    await writeFile(path.join(out.dir, 'stormsmith-desktop'), binary);
    await afterPack({ appOutDir: out.dir, electronPlatformName: 'linux', packager: { appInfo: { productFilename: 'Stormsmith' }, executableName: 'stormsmith-desktop' } });
    const wire = await getCurrentFuseWire(path.join(out.dir, 'stormsmith-desktop'));
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE);
  });

  it('finds the binary for each platform', () => {
    const ctx = (platform: string) => ({ appOutDir: '/out', electronPlatformName: platform, packager: { appInfo: { productFilename: 'Stormsmith' }, executableName: 'stormsmith-desktop' } });
    expect(electronBinaryPath(ctx('linux'))).toBe(path.join('/out', 'stormsmith-desktop'));
    expect(electronBinaryPath(ctx('win32'))).toBe(path.join('/out', 'Stormsmith.exe'));
    expect(electronBinaryPath(ctx('darwin'))).toBe(path.join('/out', 'Stormsmith.app'));
  });
});

describe('electron-builder.yml', () => {
  it('targets AppImage+deb, dmg and nsis, packs asar, and runs the fuses hook', async () => {
    const config = parse(await readFile(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, Record<string, unknown> & unknown>;
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.mac?.target).toBe('dmg');
    expect(config.win?.target).toBe('nsis');
    expect(config.asar).toBe(true);
    expect(config.afterPack).toBe('security/after-pack-fuses.mjs');
    expect((config.extraMetadata as { main?: string }).main).toBe('app/dist/main.cjs');
  });
});

describe('electron is imported at run time only by the entry files', () => {
  const sources = async (dir: string): Promise<string[]> => {
    const entries = await readdir(path.join(ROOT, dir), { withFileTypes: true, recursive: true });
    return entries.filter((e) => e.isFile() && e.name.endsWith('.ts')).map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));
  };
  it('holds for app/main, app/preload, app/shared, app/workspace and app/studio', async () => {
    const runtimeImport = /^\s*import\s+(?!type\b)[^;]*from\s+['"]electron['"]|require\(\s*['"]electron['"]\s*\)|import\(\s*['"]electron['"]\s*\)/m;
    const offenders: string[] = [];
    for (const dir of ['app/main', 'app/preload', 'app/shared', 'app/workspace', 'app/studio']) {
      for (const file of await sources(dir)) {
        if (runtimeImport.test(await readFile(path.join(ROOT, file), 'utf8'))) offenders.push(file);
      }
    }
    expect(offenders.sort()).toEqual(['app/main/index.ts', 'app/preload/index.ts']);
  });
});
