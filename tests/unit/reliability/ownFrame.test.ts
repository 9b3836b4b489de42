import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isOwnFrameUrl } from '../../../electron/main/security';

describe('isOwnFrameUrl: only the app\'s own page may call the contract over IPC', () => {
  const index = '/opt/Partner Workbench/resources/app.asar/out/renderer/index.html';
  const own = pathToFileURL(index).href;
  it('trusts the renderer index (with any route) and the dev server origin only', () => {
    expect(isOwnFrameUrl(own, index)).toBe(true);
    expect(isOwnFrameUrl(`${own}#/payouts`, index)).toBe(true);
    expect(isOwnFrameUrl('file:///home/li/Downloads/evil.html', index)).toBe(false);
    expect(isOwnFrameUrl(pathToFileURL('/opt/Partner Workbench/resources/app.asar/out/renderer/other.html').href, index)).toBe(false);
    expect(isOwnFrameUrl('file:///tmp/x/index.html', index)).toBe(false);
    expect(isOwnFrameUrl('http://localhost:5173/#/', index, 'http://localhost:5173/')).toBe(true);
    expect(isOwnFrameUrl('http://localhost:5173.evil.example/', index, 'http://localhost:5173')).toBe(false);
    expect(isOwnFrameUrl('http://localhost:5173/', index)).toBe(false);
    expect(isOwnFrameUrl('https://evil.example/', index, 'http://localhost:5173')).toBe(false);
    expect(isOwnFrameUrl('not a url', index)).toBe(false);
    // a dev URL pointing off this machine is never trusted (and the packaged app passes none)
    expect(isOwnFrameUrl('https://evil.example/', index, 'https://evil.example/')).toBe(false);
    expect(isOwnFrameUrl('file://evil-host/share/index.html', index)).toBe(false);
  });
});
