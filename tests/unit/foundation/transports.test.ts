import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, inProcess, ipc, type Transport } from '../../helpers/transports';
import { memoryApi, partnerInput, tempDir } from '../../helpers/workspace';

const { ws, api } = memoryApi('transport-tester');
const files = tempDir();
const transports: Transport[] = [];

beforeAll(async () => {
  transports.push(inProcess(api), ipc(api), await http(api, files.dir));
});
afterAll(async () => {
  for (const t of transports) await t.close();
  files.cleanup();
  ws.close();
});

const auditCount = () => (ws.sqlite.prepare('select count(*) as n from audit_log').get() as { n: number }).n;

describe.each(['in-process', 'ipc', 'http'])('contract over %s', (name) => {
  const t = () => transports.find((x) => x.name === name)!;

  it('rejects invalid input with a structured error naming operation and field', async () => {
    const r = await t().call('partners.create', { ...partnerInput(`BAD-${name}`), channelType: 'wholesale', email: 'nope' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('INVALID_INPUT');
    expect(r.error.operation).toBe('partners.create');
    expect(r.error.issues?.map((i) => i.path).sort()).toEqual(['channelType', 'email']);
  });

  it('rejects unknown fields and unknown operations', async () => {
    const extra = await t().call('partners.list', { limit: 5, sneaky: true });
    expect(extra.ok).toBe(false);
    if (!extra.ok) expect(extra.error.issues?.[0].message).toMatch(/sneaky|Unrecognized/i);
    const unknown = await t().call('partners.drop', {});
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error.code).toBe('UNKNOWN_OPERATION');
  });

  it('creates, reads, updates, soft-deletes and restores a partner, each audited', async () => {
    const before = auditCount();
    const code = `CRUD-${name}`;
    const created = await t().call('partners.create', partnerInput(code, { city: '杭州' }));
    expect(created.ok).toBe(true);
    const id = (created as { result: { id: number } }).result.id;
    const dup = await t().call('partners.create', partnerInput(code));
    expect(dup.ok || dup.error.code).toBe('CONFLICT');
    const upd = await t().call('partners.update', { id, patch: { tier: 'tier1', city: '宁波' } });
    expect(upd.ok && (upd.result as { tier: string }).tier).toBe('tier1');
    const del = await t().call('partners.delete', { id });
    expect(del.ok).toBe(true);
    const listed = (await t().call('partners.list', { search: code })) as { ok: true; result: { rows: Array<{ code: string }> } };
    expect(listed.result.rows).toHaveLength(0);
    const withDeleted = (await t().call('partners.list', { search: code, includeDeleted: true })) as { ok: true; result: { rows: Array<{ code: string }> } };
    expect(withDeleted.result.rows.map((r) => r.code)).toEqual([code]);
    const restored = await t().call('partners.restore', { id });
    expect(restored.ok && (restored.result as { deletedAt: string | null }).deletedAt).toBeNull();
    expect(auditCount() - before).toBe(4);
    const last = ws.sqlite.prepare("select user, operation, before, after from audit_log where entity = 'partner' and entity_id = ? order by id").all(String(id)) as Array<{ user: string; operation: string; before: string | null; after: string }>;
    expect(last.map((a) => a.operation)).toEqual(['partners.create', 'partners.update', 'partners.delete', 'partners.restore']);
    expect(last.every((a) => a.user === 'transport-tester')).toBe(true);
    expect(JSON.parse(last[1].before!).tier).toBe('tier2');
    expect(JSON.parse(last[1].after).tier).toBe('tier1');
  });
});

describe('transport guards', () => {
  it('IPC refuses calls from frames that are not the app', async () => {
    const rogue = ipc(api, 'https://evil.example/');
    const r = await rogue.call('partners.list', {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('FORBIDDEN');
  });

  it('HTTP bridge requires the token, same origin and a loopback Host', async () => {
    const h = transports.find((x) => x.name === 'http') as Transport & { bridge: { url: string; token: string } };
    const body = JSON.stringify({ op: 'partners.list', input: {} });
    const noToken = await fetch(`${h.bridge.url}api/call`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    expect(noToken.status).toBe(401);
    const wrongToken = await fetch(`${h.bridge.url}api/call`, { method: 'POST', body, headers: { 'x-pwb-token': 'x'.repeat(48) } });
    expect(wrongToken.status).toBe(401);
    const crossOrigin = await fetch(`${h.bridge.url}api/call`, { method: 'POST', body, headers: { 'x-pwb-token': h.bridge.token, origin: 'http://evil.example' } });
    expect(crossOrigin.status).toBe(403);
    expect(h.bridge.url.startsWith('http://127.0.0.1:')).toBe(true);
    const notJson = await fetch(`${h.bridge.url}api/call`, { method: 'POST', body: '{oops', headers: { 'x-pwb-token': h.bridge.token } });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: { code: string } }).error.code).toBe('INVALID_INPUT');
  });
});

describe('HTTP bridge body limit', () => {
  it('answers an oversized body with a structured 413 and keeps serving', async () => {
    const h = transports.find((x) => x.name === 'http') as Transport & { bridge: { url: string; token: string } };
    const huge = JSON.stringify({ op: 'partners.list', input: { search: '长'.repeat(4_000_000) } });
    const res = await fetch(`${h.bridge.url}api/call`, { method: 'POST', body: huge, headers: { 'content-type': 'application/json', 'x-pwb-token': h.bridge.token } });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('INVALID_INPUT');
    const after = await h.call('partners.list', { limit: 1 });
    expect(after.ok).toBe(true);
  });
});
