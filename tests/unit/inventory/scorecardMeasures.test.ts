import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../../db/database';
import { createApi } from '../../../electron/api/api';
import { DEFAULT_WEIGHTS } from '../../../electron/domain/evaluations/evaluationSettings';
import { healthScore } from '../../../electron/domain/evaluations/healthScore';
import type { PartnerKpis } from '../../../electron/domain/evaluations/kpis';
import { pwb } from '../../helpers/cli';
import { tempDir } from '../../helpers/workspace';
import { seedChannelFixture } from './channelFixture';

const tmp = tempDir('pwb-scorecard-measures-');
afterAll(() => tmp.cleanup());

describe('scorecards carry the channel measures', () => {
  it('pwb evaluate --json prints them per partner, null where the data is missing', async () => {
    const db = join(tmp.dir, 'ws.sqlite');
    const ws = openWorkspace(db);
    await seedChannelFixture(createApi({ ws, user: 'tester' }), tmp.dir);
    ws.close();
    const r = pwb(['evaluate', '--period', '2025-Q1', '--db', db, '--json']);
    expect(r.stderr).toBe('');
    const cards = Object.fromEntries(r.json<{ scorecards: Array<Record<string, unknown>> }>().scorecards.map((c) => [c.partnerCode, c]));
    expect(cards.P001).toMatchObject({ sellThroughRate: 0.5, inventoryTurnover: 0.875, crossTerritoryShare: 0.5, belowFloorShare: 0.5 });
    expect(cards.P001.daysOfInventory as number).toBeCloseTo(77.142857, 5);
    expect(cards.P004).toMatchObject({ sellThroughRate: null, daysOfInventory: null, inventoryTurnover: null, crossTerritoryShare: null, belowFloorShare: null });
  });

  it('the new KPIs weigh 0 by default (scores do not move) and count once a company gives them weight', () => {
    const base: PartnerKpis = {
      partnerId: 1, revenueMinor: 100, prevRevenueMinor: 100, yoyRevenueMinor: 100, targetMinor: 100, attainment: 1, growthPrev: 0, growthYoY: 0, grossMargin: 0.2,
      orders: 1, activeCustomers: 1, newCustomers: 0, retention: 0.8, satisfaction: 4, trainingCompliance: 1, expiredCertifications: 0, openHighRisks: 0,
      sellThroughRate: null, daysOfInventory: null, inventoryTurnover: null, crossTerritoryShare: null, belowFloorShare: null,
    };
    const withChannel = { ...base, sellThroughRate: 0.4, daysOfInventory: 150, crossTerritoryShare: 0.3, belowFloorShare: 0.5 };
    expect(healthScore(withChannel, DEFAULT_WEIGHTS).healthScore).toBe(healthScore(base, DEFAULT_WEIGHTS).healthScore);
    const optedIn = { ...DEFAULT_WEIGHTS, priceDiscipline: 10 };
    // Half the lines below the floor: price discipline normalises to 0 and pulls the score down.
    expect(healthScore(withChannel, optedIn).parts.priceDiscipline).toBe(0);
    expect(healthScore(withChannel, optedIn).healthScore).toBeLessThan(healthScore(base, optedIn).healthScore);
  });
});
