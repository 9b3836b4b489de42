import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/workspace';

const require = createRequire(import.meta.url);
const { afterPack } = require('../../../scripts/afterPack.cjs') as { afterPack: (context: unknown) => Promise<void> };

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

/** The wire's bytes: '0' off, '1' on. */
const FuseState = { DISABLE: 48, ENABLE: 49 } as const;
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** An Electron 38 binary's fuse wire as it ships: RunAsNode on, NODE_OPTIONS on, --inspect on, asar checks off. */
const fakeElectron = (path: string) => {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, Buffer.concat([Buffer.from('\x7fELF…code…'), Buffer.from(SENTINEL), Buffer.from([1, 9]), Buffer.from('101000011'), Buffer.from('…more code…')]));
};
const context = (appOutDir: string, platform: string) => ({
  appOutDir,
  electronPlatformName: platform,
  arch: 1,
  packager: { appInfo: { productFilename: 'Partner Workbench' }, executableName: 'partner-workbench' },
});

describe('Electron fuses (electron-builder afterPack)', () => {
  it.each([
    ['win32', 'Partner Workbench.exe'],
    ['linux', 'partner-workbench'],
    ['darwin', 'Partner Workbench.app/Contents/Frameworks/Electron Framework.framework/Electron Framework'],
  ])('%s: RunAsNode, NODE_OPTIONS and --inspect off; app only from an integrity-checked asar', async (platform, file) => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    fakeElectron(join(t.dir, file));
    await afterPack(context(t.dir, platform));
    const wire = await getCurrentFuseWire(platform === 'darwin' ? join(t.dir, 'Partner Workbench.app') : join(t.dir, file));
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
    // Fuses the app does not set keep Electron's value.
    expect(wire[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.ENABLE);
  });

  it('fails the packaging when the binary has no fuse wire, and is the hook electron-builder runs', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    writeFileSync(join(t.dir, 'partner-workbench'), 'not electron');
    await expect(afterPack(context(t.dir, 'linux'))).rejects.toThrow(/sentinel|fuse/i);
    const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as { build: { afterPack: string } };
    expect(pkg.build.afterPack).toBe('scripts/afterPack.cjs');
  });
});
