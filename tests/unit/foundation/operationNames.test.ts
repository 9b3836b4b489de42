import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contract } from '../../../electron/contract';
import { FORMER_OPERATION_NAMES } from '../../../shared/operationNames';
import { memoryApi } from '../../helpers/workspace';

const here = import.meta.dirname;
const areasOf = (dir: string) =>
  readdirSync(join(here, '..', '..', '..', 'electron', dir))
    .filter((f) => f.endsWith('.ts') && !['index.ts', 'operation.ts', 'types.ts', 'filePaths.ts'].includes(f))
    .map((f) => f.slice(0, -3));

const domainFolders = new Set(
  readdirSync(join(here, '..', '..', '..', 'electron', 'domain'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name),
);

/** Every operation name an area's module declares (its `…Contract` / `…Handlers` objects), by area. */
async function namesByArea(dir: 'contract' | 'api/handlers', suffix: string): Promise<Map<string, string[]>> {
  const byArea = new Map<string, string[]>();
  for (const area of areasOf(dir)) {
    const file = join(here, '..', '..', '..', 'electron', dir, `${area}.ts`);
    const mod = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
    const names = Object.entries(mod)
      .filter(([k, v]) => k.endsWith(suffix) && v && typeof v === 'object')
      .flatMap(([, v]) => Object.keys(v as object));
    byArea.set(area, names);
  }
  return byArea;
}

describe('operation names follow their folders', () => {
  it.each([
    ['contract', 'Contract'],
    ['api/handlers', 'Handlers'],
  ] as const)("every operation in %s/<area>.ts is named <area>.…: its prefix is its file's area", async (dir, suffix) => {
    const byArea = await namesByArea(dir, suffix);
    const strays = [...byArea].flatMap(([area, names]) => names.filter((n) => n.split('.')[0] !== area).map((n) => `${n} in ${dir}/${area}.ts`));
    expect(strays).toEqual([]);
    // Every operation of the contract is declared in an area file (none only in index.ts), once.
    const declared = [...byArea.values()].flat();
    expect(declared.length).toBeGreaterThan(100);
    expect([...declared].sort()).toEqual(Object.keys(contract).sort());
  });

  it('every area is the same folder at every layer: contract, handlers and domain', () => {
    const contractAreas = areasOf('contract').sort();
    expect(areasOf('api/handlers').sort()).toEqual(contractAreas);
    expect(contractAreas.filter((area) => !domainFolders.has(area))).toEqual([]);
    // and every operation's prefix is one of them
    const prefixes = [...new Set(Object.keys(contract).map((n) => n.split('.')[0]))].sort();
    expect(prefixes).toEqual(contractAreas);
  });

  it('a former name is no operation any more and names one that is', () => {
    for (const [former, current] of Object.entries(FORMER_OPERATION_NAMES)) {
      expect(former in contract, former).toBe(false);
      expect(current in contract, current).toBe(true);
    }
  });

  it('audit rows recorded under a former name are found under the current name and its area, listed once', async () => {
    const { ws, api } = memoryApi();
    const insert = ws.sqlite.prepare("insert into audit_log (at, user, operation, entity, outcome) values (?, 'u', ?, 'workspace', 'ok')");
    insert.run('2026-01-01T00:00:00.000Z', 'system.restore');
    insert.run('2026-02-01T00:00:00.000Z', 'backups.restore');
    insert.run('2026-03-01T00:00:00.000Z', 'system.dismissDemo');
    expect((await api.send('audit.list', { operation: 'backups.restore' })).rows.map((r) => r.operation)).toEqual(['backups.restore', 'system.restore']);
    expect((await api.send('audit.list', { operation: 'backups.' })).total).toBe(2);
    expect((await api.send('audit.list', { operation: 'system.' })).rows.map((r) => r.operation)).toEqual(['system.dismissDemo']);
    expect((await api.send('audit.facets', {})).operations).toEqual(['backups.restore', 'system.dismissDemo']);
  });

  it.each([
    // One former name from each renamed group: the row is found under its current name and area, not its former prefix.
    ['customers.cohorts', 'inventory.customers.cohorts', 'customers.'],
    ['settings.set', 'system.settings.set', 'settings.'],
    ['jobs.cancel', 'system.jobs.cancel', 'jobs.'],
    ['schedules.save', 'evaluations.schedules.save', 'schedules.'],
    ['tier.decide', 'evaluations.tier.decide', 'tier.'],
    ['scorecards.compare', 'evaluations.scorecards.compare', 'scorecards.'],
    ['dashboard.summary', 'evaluations.dashboard.summary', 'dashboard.'],
    ['payouts.approve', 'incentives.payouts.approve', 'payouts.'],
    ['programs.save', 'incentives.programs.save', 'programs.'],
    ['coverage.targets.add', 'territories.coverage.targets.add', 'coverage.'],
  ])('an audit row stored as %s reads and filters as %s', async (former, current, formerPrefix) => {
    const { ws, api } = memoryApi();
    const insert = ws.sqlite.prepare("insert into audit_log (at, user, operation, entity, outcome) values (?, 'u', ?, 'x', 'refused')");
    insert.run('2026-01-01T00:00:00.000Z', former);
    insert.run('2026-02-01T00:00:00.000Z', current);
    insert.run('2026-03-01T00:00:00.000Z', 'partners.create');
    const area = `${current.split('.')[0]}.`;
    expect((await api.send('audit.list', { operation: current })).rows.map((r) => r.operation)).toEqual([current, former]);
    expect((await api.send('audit.list', { operation: area })).rows.map((r) => r.operation)).toEqual([current, former]);
    expect((await api.send('audit.list', { operation: formerPrefix })).total).toBe(0);
    expect((await api.send('audit.facets', {})).operations).toEqual([current, 'partners.create'].sort());
  });
});
