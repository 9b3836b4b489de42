import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../../../electron/web/httpBridge';
import { memoryApi, tempDir } from '../../helpers/workspace';

let bridge: Bridge;
let done: () => void;
beforeAll(async () => {
  const { api } = memoryApi();
  const t = tempDir();
  done = t.cleanup;
  bridge = await startBridge({ api, filesDir: t.dir });
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
    // the token in the query string is as good as the header (for downloads), and as checked
    expect((await send({ path: `/api/env?token=${bridge.token}`, method: 'GET', body: '' })).status).toBe(200);
    expect((await send({ path: `/api/env?token=${'0'.repeat(bridge.token.length)}`, method: 'GET', body: '' })).status).toBe(401);
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
    const r = await send({ path: `/api/file?path=${encodeURIComponent('/etc/passwd')}&token=${bridge.token}`, method: 'GET', body: '' });
    expect(r.status).toBe(404);
    const r2 = await send({ path: `/api/file?path=${encodeURIComponent('../../../../etc/passwd')}&token=${bridge.token}`, method: 'GET', body: '' });
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
