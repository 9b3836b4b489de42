// electron-builder afterPack hook (package.json build.afterPack): flips the packaged Electron binary's fuses before it
// is signed, so the shipped app cannot be turned into a general-purpose Node runtime or made to load other code.
const { join } = require('node:path');
const { FuseV1Options, FuseVersion, flipFuses } = require('@electron/fuses');

/** The fuses the app ships with (Electron's defaults are the opposite for the first five). */
const FUSES = {
  version: FuseVersion.V1,
  // ELECTRON_RUN_AS_NODE=1 "Partner Workbench" would run any script with the app's signature and keychain access.
  [FuseV1Options.RunAsNode]: false,
  // NODE_OPTIONS=--require evil.js would inject code into the main process.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // --inspect / --inspect-brk would open a debugger on the main process.
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // The app is loaded from app.asar only (not from a resources/app folder dropped beside it) ...
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // ... and app.asar must match the hash electron-builder embeds (Info.plist on macOS, a resource on Windows).
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // Chromium's cookie store encrypted with the OS keychain's key.
  [FuseV1Options.EnableCookieEncryption]: true,
};

/** The file that carries the fuse wire in the packaged app, per platform. */
function electronBinary(context) {
  const name = context.packager.appInfo.productFilename;
  switch (context.electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(context.appOutDir, `${name}.app`);
    case 'win32':
      return join(context.appOutDir, `${name}.exe`);
    default:
      return join(context.appOutDir, context.packager.executableName);
  }
}

async function afterPack(context) {
  const binary = electronBinary(context);
  // Flipping invalidates an ad-hoc signature (arm64 Macs refuse to run unsigned code): re-sign it ad hoc.
  const resetAdHocDarwinSignature = context.electronPlatformName === 'darwin' && context.arch === 3; // Arch.arm64
  const flipped = await flipFuses(binary, { ...FUSES, resetAdHocDarwinSignature });
  if (flipped < 1) throw new Error(`No fuse wire found in ${binary}`);
}

module.exports = { default: afterPack, afterPack, FUSES, electronBinary };
