import { describe, expect, it } from 'vitest';
import { memoryApi, partnerInput } from '../../helpers/workspace';

describe('smoke', () => {
  it('creates and lists a partner', async () => {
    const { api } = memoryApi();
    const p = await api.send('partners.create', partnerInput('P001'));
    expect(p.tier).toBe('tier2');
    const list = await api.send('partners.list', {});
    expect(list.rows.map((r) => r.code)).toEqual(['P001']);
  });
});
