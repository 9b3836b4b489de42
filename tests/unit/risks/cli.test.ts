import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../../db/database';
import { createApi } from '../../../electron/api/api';
import { pwb } from '../../helpers/cli';
import { partnerInput, tempDir } from '../../helpers/workspace';

const tmp = tempDir('pwb-risks-cli-');
afterAll(() => tmp.cleanup());

describe('pwb risks / deals', () => {
  it('lists the register with derived score and level, and deal registrations, as JSON', async () => {
    const db = join(tmp.dir, 'ws.sqlite');
    const ws = openWorkspace(db);
    const api = createApi({ ws, user: 'tester' });
    const p = await api.send('partners.create', partnerInput('P1'));
    await api.send('risks.save', { fields: { title: '窜货', category: 'channel_conflict', partnerId: p.id, likelihood: 4, impact: 4, owner: '王磊', nextReviewOn: '2026-01-31' } });
    await api.send('deals.register', { partnerId: p.id, customerName: '华信科技有限公司', productLine: 'lock', expectedValueMinor: 100 });
    await api.send('deals.register', { partnerId: null, customerName: '华信科技', productLine: 'lock', expectedValueMinor: 100 });
    ws.close();

    const r = pwb(['risks', 'list', '--db', db, '--json']);
    expect(r.code).toBe(0);
    const rows = r.json<Array<Record<string, unknown>>>();
    expect(rows).toHaveLength(2); // the manual risk and the channel-conflict risk raised by the second registration
    expect(rows[0]).toEqual({
      code: 'R-0001', title: '窜货', category: 'channel_conflict', partnerCode: 'P1', likelihood: 4, impact: 4, score: 16, level: 'critical',
      status: 'open', owner: '王磊', nextReview: '2026-01-31',
    });
    expect(rows[1]).toMatchObject({ category: 'channel_conflict', partnerCode: null });

    const d = pwb(['deals', 'list', '--db', db, '--json']);
    expect(d.code).toBe(0);
    expect(d.json<Array<{ status: string }>>().map((x) => x.status)).toEqual(['conflict', 'approved']);

    const bad = pwb(['risks', 'list', '--db', db, '--level', 'extreme']);
    expect(bad.code).toBe(1);
  });
});
