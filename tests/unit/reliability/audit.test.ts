import fc from 'fast-check';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { createApi } from '../../../electron/api/api';
import { handlers } from '../../../electron/api/handlers';
import { contract, operationNames, type OperationName } from '../../../electron/contract';
import { ApiError, DomainError } from '../../../shared/errors';
import { recordDiff } from '../../../electron/contract/audit';
import { osUser } from '../../../electron/domain/system/userProfile';
import { auditRowsSince, expectAudited, lastAuditId } from '../../helpers/audit';
import { validInput } from '../../helpers/contractSchemas';
import { memoryApi, partnerInput, tempDir } from '../../helpers/workspace';

const saved = { ...handlers };
afterEach(() => Object.assign(handlers, saved));

const mutations = operationNames.filter((op) => contract[op].kind === 'mutation');

/** A valid input for any operation, found by sampling the schema's JSON Schema and keeping what zod accepts. */
function someValidInput(op: OperationName, seed = 1): unknown {
  const samples = fc.sample(validInput(op), { numRuns: 300, seed });
  const ok = samples.find((s) => contract[op].input.safeParse(s).success);
  if (ok === undefined) throw new Error(`could not generate a valid input for ${op}`);
  return ok;
}

describe('audit trail', () => {
  it('lists with filters (entity, record, user, operation, area, outcome, days) and pages', async () => {
    const { ws, api } = memoryApi('alice');
    const bob = createApi({ ws, user: 'bob' });
    const p1 = await api.send('partners.create', partnerInput('P1'));
    const p2 = await bob.send('partners.create', partnerInput('P2'));
    await bob.send('partners.update', { id: p1.id, patch: { name: '新名字' } });
    await api.send('system.settings.set', { key: 'company.name', value: '华东渠道' });

    const all = await api.send('audit.list', {});
    expect(all.total).toBe(4);
    expect(all.rows[0].operation).toBe('system.settings.set'); // newest first
    expect((await api.send('audit.list', { user: 'bob' })).rows.map((r) => r.operation)).toEqual(['partners.update', 'partners.create']);
    expect((await api.send('audit.list', { entity: 'partner', entityId: p1.id })).total).toBe(2);
    expect((await api.send('audit.list', { entity: 'partner', entityId: String(p2.id) })).total).toBe(1);
    expect((await api.send('audit.list', { operation: 'partners.' })).total).toBe(3);
    expect((await api.send('audit.list', { operation: 'partners.create' })).total).toBe(2);
    expect((await api.send('audit.list', { outcome: 'refused' })).total).toBe(0);
    const today = new Date();
    const day = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    const tomorrow = new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1);
    expect((await api.send('audit.list', { from: day(today), to: day(today) })).total).toBe(4);
    expect((await api.send('audit.list', { from: day(tomorrow) })).total).toBe(0);
    expect((await api.send('audit.list', { to: day(new Date(2000, 0, 1)) })).total).toBe(0);
    const page = await api.send('audit.list', { limit: 3, offset: 3 });
    expect(page.rows).toHaveLength(1);
    expect(page.total).toBe(4);
    const facets = await api.send('audit.facets', {});
    expect(facets.users).toEqual(['alice', 'bob']);
    expect(facets.entities).toContain('partner');
  });

  it('shows one record\'s history with before/after, oldest first, and the diff of each step', async () => {
    const { api } = memoryApi();
    const p = await api.send('partners.create', partnerInput('P1'));
    await api.send('partners.update', { id: p.id, patch: { tier: 'tier1', city: '杭州' } });
    await api.send('partners.delete', { id: p.id });
    const h = await api.send('audit.history', { entity: 'partner', entityId: p.id });
    expect(h.map((r) => r.operation)).toEqual(['partners.create', 'partners.update', 'partners.delete']);
    const changes = recordDiff(h[1].before, h[1].after).map((c) => c.field);
    expect(changes).toEqual(expect.arrayContaining(['city', 'tier']));
    expect(changes).not.toContain('code');
    expect(recordDiff({ a: 1, b: [1] }, { a: 1, b: [1, 2], c: null })).toEqual([{ field: 'b', before: [1], after: [1, 2] }]);
    expect(recordDiff(null, 5)).toEqual([{ field: '(value)', before: null, after: 5 }]);
    // A created or deleted record lists its fields, not one '(value)' blob.
    expect(recordDiff(null, { b: 2, a: 1 })).toEqual([{ field: 'a', before: null, after: 1 }, { field: 'b', before: null, after: 2 }]);
    expect(recordDiff({ a: 1 }, null)).toEqual([{ field: 'a', before: 1, after: null }]);
    const created = recordDiff(h[0].before, h[0].after).map((c) => c.field);
    expect(created).toEqual(expect.arrayContaining(['code', 'name']));
  });

  it('records the local user profile: settings user.name, else the OS user', async () => {
    const { ws } = memoryApi();
    const api = createApi({ ws }); // as in the app, web server and CLI: no fixed user
    expect(api.user).toBe(osUser());
    await expectAudited(ws, () => api.send('partners.create', partnerInput('P1')), { user: osUser() });
    await api.send('system.settings.set', { key: 'user.name', value: '  王经理 ' });
    expect(api.user).toBe('王经理');
    await expectAudited(ws, () => api.send('partners.create', partnerInput('P2')), { user: '王经理', operation: 'partners.create' });
  });

  it('every mutation of the contract writes an audit record in its transaction (dispatcher guarantee)', async () => {
    expect(mutations.length).toBeGreaterThan(5);
    for (const op of mutations.filter((o) => !contract[o].exclusive)) {
      const { ws, api } = memoryApi();
      const input = someValidInput(op);
      // a handler that records nothing itself: the dispatcher records the input
      (handlers as Record<string, unknown>)[op] = () => ({});
      const { rows } = await expectAudited(ws, () => api.send(op, input as never), { operation: op, outcome: 'ok' });
      expect(rows[0].user).toBe('tester');
      // a handler that writes, then fails: neither its write nor an audit record survive
      (handlers as Record<string, unknown>)[op] = () => {
        ws.sqlite.prepare("insert into settings (key, value, updated_at) values ('leak', '1', 'now')").run();
        throw new DomainError('fails after writing');
      };
      const before = lastAuditId(ws);
      await expect(api.send(op, input as never)).rejects.toMatchObject({ body: { code: 'DOMAIN' } });
      expect(ws.sqlite.prepare("select count(*) as n from settings where key = 'leak'").get()).toEqual({ n: 0 });
      expect(auditRowsSince(ws, before)).toEqual([]);
      Object.assign(handlers, saved);
    }
  });

  it('every mutation that succeeds with real handlers leaves an audit record (random valid inputs)', async () => {
    const { ws, api } = memoryApi();
    // Random valid inputs include relative output paths (incentives.programs.export): let them land in a scratch folder.
    const scratch = tempDir('pwb-audit-walk-');
    const cwd = process.cwd();
    process.chdir(scratch.dir);
    onTestFinished(() => {
      process.chdir(cwd);
      scratch.cleanup();
    });
    for (let i = 1; i <= 5; i++) await api.send('partners.create', partnerInput(`S${i}`));
    const internal: string[] = [];
    let successes = 0;
    for (const op of mutations.filter((o) => !contract[o].exclusive)) {
      for (const input of fc.sample(validInput(op), { numRuns: 15, seed: 7 })) {
        const before = lastAuditId(ws);
        try {
          await api.send(op, input as never);
          successes++;
          expect(auditRowsSince(ws, before).filter((r) => r.operation === op).length, op).toBeGreaterThanOrEqual(1);
        } catch (e) {
          expect(ApiError.is(e), `${op}: ${String(e)}`).toBe(true);
          if ((e as ApiError).body.code === 'INTERNAL') internal.push(`${op}: ${(e as ApiError).message}`);
          expect(auditRowsSince(ws, before).every((r) => r.outcome === 'refused'), op).toBe(true);
        }
      }
    }
    expect(internal, 'valid inputs must never end in INTERNAL errors').toEqual([]);
    expect(successes).toBeGreaterThan(mutations.length);
  });
});
