import { openMemoryWorkspace, type Workspace } from '../../db/database';
import { createApi } from '../api/api';
import { contract } from '../contract';
import { demoStore } from '../domain/demo/store';
import { readSetting } from '../domain/system/settingsStore';
import { workspaceClock } from '../domain/system/workspaceClock';
import { CHANNEL_TYPES, TIERS } from '../../shared/enums';
import { fixedClock } from '../../shared/clock';

/** Lets the thread's message port deliver a job between two steps. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * What a job thread's first evaluation pays once, paid by the spare thread before any job is asked (README, Speed /
 * evaluations: "the spare job thread"): the first time-zone lookup of the workspace clock (Intl), zod's first parse,
 * drizzle's first select — reads of the real workspace, nothing written — and the evaluation engine's first run
 * (parsing and compiling its code, first inline caches) on a tiny synthetic workspace in memory, never the real one
 * and never a period anyone asked for. Stops at the next step once `stop()` says a job has come.
 */
export async function warmUp(ws: Workspace, stop: () => boolean): Promise<void> {
  const steps: Array<() => unknown> = [
    () => workspaceClock(ws).today(),
    () => contract['evaluations.run'].input.safeParse({ period: '2019-Q1' }),
    () => readSetting(ws.db, 'company.fiscalStartMonth'),
  ];
  for (const step of steps) {
    if (stop()) return;
    step();
    await breathe();
  }
  if (!stop()) await warmEvaluations(stop);
}

/** Partners and lines of the synthetic workspace: enough to run every step of an evaluation, small enough to cost little. */
const PARTNERS = 24;
const LINES_PER_QUARTER = 12;

/** Evaluates two quarters (a first and a scheduled one) of a synthetic workspace in memory, then drops it. */
async function warmEvaluations(stop: () => boolean): Promise<void> {
  const ws = openMemoryWorkspace();
  try {
    const api = createApi({ ws, user: 'warm-up', clock: fixedClock('2021-01-15T04:00:00Z', 'UTC') });
    const ids: number[] = [];
    for (let i = 0; i < PARTNERS; i++) {
      const p = await api.send('partners.create', { code: `W${i}`, name: `预热${i}`, channelType: CHANNEL_TYPES[i % CHANNEL_TYPES.length], tier: TIERS[i % TIERS.length], joinedOn: '2019-01-01' });
      ids.push(p.id);
    }
    if (stop()) return;
    demoStore.begin(ws);
    const line = demoStore.salesWriter(ws);
    const target = demoStore.targetWriter(ws);
    let n = 0;
    for (const [q, month] of [['2020-Q3', 7], ['2020-Q4', 10]] as const) {
      ids.forEach((partnerId, i) => {
        for (let k = 0; k < LINES_PER_QUARTER; k++) {
          const amount = (i % 5 === 0 && k === 0 ? -1 : 1) * (10_000 + ((i * 7919 + k * 104_729) % 90_000) * (1 + (i % 3)));
          const date = `2020-${String(month + (k % 3)).padStart(2, '0')}-${String(1 + ((k * 5 + i) % 28)).padStart(2, '0')}`;
          line({ partnerId, date, orderRef: `O${i}-${k >> 1}`, lineRef: null, product: null, category: null, quantity: 1 + (k % 4), amountMinor: amount, costMinor: k % 3 ? Math.round(amount * 0.6) : null, customerRef: `C${(i + k) % 7}` }, `w${n++}`);
        }
        target({ partnerId, period: q, value: 300_000 + (i % 4) * 200_000 });
      });
    }
    demoStore.commit(ws);
    for (const period of ['2020-Q3', '2020-Q4']) {
      if (stop()) return;
      await api.send('evaluations.run', { period });
      await breathe();
    }
  } finally {
    ws.close();
  }
}
