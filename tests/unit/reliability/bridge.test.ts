import { errorText } from '../../../shared/errorMessages';
import { request } from 'node:http';
import { mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isInside, startBridge, type Bridge } from '../../../electron/web/httpBridge';
import { memoryApi, tempDir } from '../../helpers/workspace';

let bridge: Bridge;
let done: () => void;
let filesDir: string;
beforeAll(async () => {
  const { api } = memoryApi();
  const t = tempDir();
  done = t.cleanup;
  filesDir = join(t.dir, 'files');
  bridge = await startBridge({ api, filesDir, staticDir: join(t.dir, 'static'), maxUpload: 1024 * 1024 });
});
afterAll(async () => {
  await bridge.close();
  done();
});

/** Raw HTTP so the Host and Origin headers can be anything (fetch forbids setting Host). */
function send(opts: { host?: string; headers?: Record<string, string>; path?: string; method?: string; body?: string; connectTo?: string }): Promise<{ status: number; body: string }> {
  const body = opts.body ?? JSON.stringify({ op: 'system.info', input: {} });
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: opts.connectTo ?? '127.0.0.1',
        port: bridge.port,
        path: opts.path ?? '/api/call',
        method: opts.method ?? 'POST',
        headers: { host: opts.host ?? `127.0.0.1:${bridge.port}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...opts.headers },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
const token = () => ({ 'x-pwb-token': bridge.token });

describe('HTTP bridge security', () => {
  it('listens on the loopback interface only', async () => {
    const addr = bridge.server.address();
    expect(typeof addr === 'object' && addr?.address).toBe('127.0.0.1');
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    if (external) await expect(send({ connectTo: external.address, headers: token() })).rejects.toThrow(/ECONNREFUSED|EHOSTUNREACH|ENETUNREACH/);
  });

  it('answers a correct call', async () => {
    const r = await send({ headers: token() });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true });
    expect((await send({ headers: token(), host: `localhost:${bridge.port}` })).status).toBe(200);
  });

  it('requires its token on every API route', async () => {
    for (const path of ['/api/call', '/api/job', '/api/upload', '/api/env', '/api/events', `/api/file?path=${encodeURIComponent('/etc/passwd')}`]) {
      const method = path.startsWith('/api/call') || path.startsWith('/api/job') || path.startsWith('/api/upload') ? 'POST' : 'GET';
      for (const headers of [{} as Record<string, string>, { 'x-pwb-token': '' }, { 'x-pwb-token': 'x'.repeat(bridge.token.length) }, { 'x-pwb-token': bridge.token.slice(0, -1) }, { 'x-pwb-token': `${bridge.token}0` }]) {
        const r = await send({ path, method, headers, body: method === 'GET' ? '' : undefined });
        expect(r.status, `${method} ${path} ${JSON.stringify(headers)}`).toBe(401);
        expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      }
    }
    // never in a query string: URLs end up in histories, logs and Referer headers
    expect((await send({ path: `/api/env?token=${bridge.token}`, method: 'GET', body: '' })).status).toBe(401);
    expect((await send({ path: `/api/events?token=${bridge.token}`, method: 'GET', body: '' })).status).toBe(401);
  });

  it('rejects other origins, even with the token', async () => {
    for (const origin of ['http://evil.example', `http://127.0.0.1:${bridge.port + 1}`, `https://127.0.0.1:${bridge.port}`, 'null', `http://127.0.0.1.evil.example:${bridge.port}`]) {
      const r = await send({ headers: { ...token(), origin } });
      expect(r.status, origin).toBe(403);
    }
    expect((await send({ headers: { ...token(), origin: `http://127.0.0.1:${bridge.port}` } })).status).toBe(200);
  });

  it('rejects a bad Host header (DNS rebinding), even with the token', async () => {
    for (const host of ['evil.example', `evil.example:${bridge.port}`, `127.0.0.1:${bridge.port + 1}`, `127.0.0.1`, `0.0.0.0:${bridge.port}`, `[::1]:${bridge.port}`, `127.0.0.1:${bridge.port}.evil.example`]) {
      const r = await send({ host, headers: token() });
      expect(r.status, host).toBe(403);
    }
  });

  it('serves files only from its files folder', async () => {
    const r = await send({ path: `/api/file?path=${encodeURIComponent('/etc/passwd')}`, method: 'GET', body: '', headers: token() });
    expect(r.status).toBe(404);
    const r2 = await send({ path: `/api/file?path=${encodeURIComponent('../../../../etc/passwd')}`, method: 'GET', body: '', headers: token() });
    expect(r2.status).toBe(404);
  });

  it('refuses oversized bodies with a structured error', async () => {
    const big = JSON.stringify({ op: 'system.info', input: { pad: 'x'.repeat(11 * 1024 * 1024) } });
    const r = await send({ headers: token(), body: big });
    // 413 with a structured error; the rest of the body is read and dropped so the connection stays usable
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect((await send({ headers: token() })).status).toBe(200);
  });
});

describe('the bridge is only for the user who started it (defect 2)', () => {
  const call = (op: string, input: unknown) => send({ headers: token(), body: JSON.stringify({ op, input }) });

  it('no unauthenticated response carries the token', async () => {
    mkdirSync(join(filesDir, '..', 'static'), { recursive: true });
    writeFileSync(join(filesDir, '..', 'static', 'index.html'), '<!doctype html><html><head><title>x</title></head><body></body></html>');
    for (const path of ['/', '/index.html', '/#/partners', '/anything']) {
      const r = await send({ path, method: 'GET', body: '' });
      expect(r.status, path).toBe(200);
      expect(r.body, path).not.toContain(bridge.token);
    }
  });

  it('answers a malformed percent-escape with 400, not a server error (defect 9)', async () => {
    for (const path of ['/%E0%A4%A', '/assets/%E0%A4%A.js']) {
      const r = await send({ path, method: 'GET', body: '', headers: token() });
      expect(r.status, path).toBe(400);
      expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
  });

  it('operations take no server path outside its files folder (no reading /etc, no writing a backup elsewhere)', async () => {
    const preview = await call('imports.preview', { kind: 'partners', path: '/etc/passwd' });
    expect(preview.status).toBe(403);
    expect(JSON.parse(preview.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const outside = join(filesDir, '..', 'stolen.sqlite');
    const backup = await send({ headers: token(), path: '/api/job', body: JSON.stringify({ op: 'backups.copyTo', input: { out: outside } }) });
    expect(backup.status).toBe(403);
    expect(readdirSync(join(filesDir, '..'))).not.toContain('stolen.sqlite');
    // a symlink inside the folder pointing out of it does not count as inside
    symlinkSync('/etc', join(filesDir, 'etc-link'));
    expect((await call('imports.preview', { kind: 'partners', path: join(filesDir, 'etc-link', 'passwd') })).status).toBe(403);
    // a relative path is not resolved against anything
    expect((await call('imports.preview', { kind: 'partners', path: 'x.csv' })).status).toBe(403);
  });

  it('the files folder itself is inside (exports write into it); a sibling with the same prefix is not', () => {
    expect(isInside(filesDir, filesDir)).toBe(true);
    expect(isInside(filesDir, join(filesDir, 'statements'))).toBe(true);
    expect(isInside(filesDir, `${filesDir}-other`)).toBe(false);
  });

  it('downloads follow no symlink', async () => {
    writeFileSync(join(filesDir, 'ok.csv'), 'a,b\n');
    expect((await send({ path: `/api/file?path=${encodeURIComponent(join(filesDir, 'ok.csv'))}`, method: 'GET', body: '', headers: token() })).status).toBe(200);
    symlinkSync('/etc/passwd', join(filesDir, 'passwd.csv'));
    const r = await send({ path: `/api/file?path=${encodeURIComponent(join(filesDir, 'passwd.csv'))}`, method: 'GET', body: '', headers: token() });
    expect(r.status).toBe(404);
    expect(r.body).not.toContain('root:');
  });

  it('uploads are streamed to an owner-only file inside the files folder, and a call can use them', async () => {
    const r = await send({ headers: { ...token(), 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent('伙伴.csv') }, path: '/api/upload', body: 'Partner Code,Partner Name\nP1,甲\n' });
    expect(r.status).toBe(200);
    const up = JSON.parse(r.body).result as { path: string; size: number };
    expect(up.path.startsWith(filesDir)).toBe(true);
    expect(readFileSync(up.path, 'utf8')).toContain('P1,甲');
    expect(statSync(up.path).mode & 0o077).toBe(0);
    expect(statSync(filesDir).mode & 0o077).toBe(0);
    expect((await call('imports.preview', { kind: 'partners', path: up.path })).status).toBe(200);
    // over the limit: 413, and nothing left on disk
    const before = readdirSync(join(filesDir, 'uploads')).length;
    const big = await send({ headers: { ...token(), 'content-type': 'application/octet-stream', 'x-file-name': 'big.csv' }, path: '/api/upload', body: 'x'.repeat(1024 * 1024 + 1) });
    expect(big.status).toBe(413);
    // Refused in words, in the user's language (the wizard's banner): a file too large to upload, not "Request body over …".
    const refusal = JSON.parse(big.body).error as { message: string; data?: unknown };
    expect(errorText(refusal, 'zh-CN')).toBe('文件超过 1 MB，无法上传：请把数据分成几个文件，或在桌面版中直接打开文件');
    expect(errorText(refusal, 'en')).toMatch(/^The file is larger than 1 MB/);
    const dirs = readdirSync(join(filesDir, 'uploads'));
    expect(dirs.flatMap((d) => readdirSync(join(filesDir, 'uploads', d))).filter((f) => f === 'big.csv')).toEqual([]);
    expect(dirs.length).toBeGreaterThanOrEqual(before);
  });
});
