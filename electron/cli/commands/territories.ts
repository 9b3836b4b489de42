import type { Command } from 'commander';
import { action, cliLanguage, common, output, withApi, type CommonOptions } from '../runtime';
import { CliError, cliText, cliWord } from '../cliTexts';
import { formatMinor } from '../../../shared/money';
import { TERRITORY_KINDS, type TerritoryKind } from '../../../shared/enums';

const KIND_HELP = `level: ${TERRITORY_KINDS.join(' | ')} (territory = 大区, subTerritory = 片区)`;
/** A --kind value, refused with the choices when it is none of them. */
function kindOption(value: string): TerritoryKind {
  const k = TERRITORY_KINDS.find((x) => x.toLowerCase() === value.trim().toLowerCase().replace(/[-_ ]/g, ''));
  if (!k) throw new CliError('territories.badKind', { value, kinds: TERRITORY_KINDS.join(', ') });
  return k;
}

/** `pwb territories list|add|rename|move|merge`: the company's territory tree. */
export function register(program: Command): void {
  const territories = program.command('territories').description('the territory tree: 大区, sub-territories, provinces, cities');
  common(territories.command('list').description('every territory, parents before children, with its live partner count')).action(
    action(async (opts: CommonOptions) => {
      await withApi(opts, async (api) => {
        const rows = await api.send('territories.list', {});
        const lang = cliLanguage(opts.lang);
        output(
          opts,
          rows.map(({ code, nameZh, nameEn, parent, kind, active, partners }) => ({ code, nameZh, nameEn, parent, kind, active, partners })),
          () => rows.map((t) => [t.code, t.nameZh, t.nameEn ?? '', t.parent ?? '', cliWord(lang, 'territoryKind', t.kind), cliText(lang, t.active ? 'territories.active' : 'territories.inactive'), t.partners].join('\t')).join('\n'),
        );
      });
    }),
  );
  common(territories.command('add').argument('<name>', 'Chinese name (or the only name)').description('add a territory'))
    .option('--code <code>', 'its code (default: from the English name)')
    .option('--name-en <name>', 'English name')
    .option('--parent <code>', 'parent territory code (default: a top-level territory)')
    .option('--kind <kind>', `${KIND_HELP}; default: territory at the top level, subTerritory under a territory, city under a province`, kindOption)
    .action(
      action(async (name: string, opts: CommonOptions & { code?: string; nameEn?: string; parent?: string; kind?: TerritoryKind }) => {
        await withApi(opts, async (api) => {
          const t = await api.send('territories.add', { nameZh: name, code: opts.code, nameEn: opts.nameEn ?? null, parent: opts.parent ?? null, ...(opts.kind ? { kind: opts.kind } : {}) });
          const lang = cliLanguage(opts.lang);
          output(opts, t, () => cliText(lang, t.parent ? 'territories.addedUnder' : 'territories.added', { code: t.code, name: t.nameZh, kind: cliWord(lang, 'territoryKind', t.kind), parent: t.parent }));
        });
      }),
    );
  common(territories.command('rename').argument('<code>', 'territory code').description('rename a territory (partners stay with it)'))
    .option('--name <name>', 'new Chinese name')
    .option('--name-en <name>', 'new English name')
    .option('--code <code>', 'new code')
    .option('--kind <kind>', `new ${KIND_HELP}`, kindOption)
    .action(
      action(async (code: string, opts: CommonOptions & { name?: string; nameEn?: string; code?: string; kind?: TerritoryKind }) => {
        await withApi(opts, async (api) => {
          const t = await api.send('territories.rename', { code, nameZh: opts.name, nameEn: opts.nameEn, newCode: opts.code, ...(opts.kind ? { kind: opts.kind } : {}) });
          output(opts, t, () => cliText(cliLanguage(opts.lang), 'territories.renamed', { code: t.code, name: `${t.nameZh}${t.nameEn ? ` / ${t.nameEn}` : ''}` }));
        });
      }),
    );
  common(
    territories
      .command('move')
      .argument('<code>', 'territory code')
      .argument('[parent]', 'new parent code (omit to make it a top-level territory)')
      .description('move a territory under another one (partners and sub-territories go with it)'),
  )
    .option('--kind <kind>', `its ${KIND_HELP} there (default: a territory moved under another becomes a subTerritory, a subTerritory moved to the top a territory)`, kindOption)
    .action(
      action(async (code: string, parent: string | undefined, opts: CommonOptions & { kind?: TerritoryKind }) => {
        await withApi(opts, async (api) => {
          const t = await api.send('territories.move', { code, parent: parent ?? null, ...(opts.kind ? { kind: opts.kind } : {}) });
          output(opts, t, () => cliText(cliLanguage(opts.lang), t.parent ? 'territories.movedUnder' : 'territories.movedTop', { code: t.code, parent: t.parent }));
        });
      }),
    );
  common(
    territories
      .command('merge')
      .argument('<from>', 'territory code to merge away')
      .argument('<into>', 'territory code that takes over its partners and sub-territories')
      .description('merge one territory into another'),
  ).action(
    action(async (from: string, into: string, opts: CommonOptions) => {
      await withApi(opts, async (api) => {
        const r = await api.send('territories.merge', { from, into });
        output(opts, r, () => cliText(cliLanguage(opts.lang), 'territories.merged', { from, into: r.into.code, count: r.movedPartners }));
      });
    }),
  );
}

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

/** `pwb coverage report [--territory C]` and `pwb coverage targets list|add|set|remove`: channel coverage (渠道覆盖率). */
export function registerCoverage(program: Command): void {
  const coverage = program.command('coverage').description('channel coverage (渠道覆盖率): targets per territory, covered ÷ wanted, the gaps');
  common(coverage.command('report').description('covered ÷ wanted per territory, and the gaps'))
    .option('--territory <code>', 'one territory and its sub-territories (default: the whole company)')
    .option('--period <period>', "the scorecards' period for revenue, attainment and health (default: the latest evaluated)")
    .action(
      action(async (opts: CommonOptions & { territory?: string; period?: string }) => {
        await withApi(opts, async (api) => {
          const r = await api.send('territories.coverage.report', { ...(opts.territory ? { territory: opts.territory } : {}), ...(opts.period ? { period: opts.period } : {}) });
          const lang = cliLanguage(opts.lang);
          const channel = (type: string | null) => (type ? ` ${cliWord(lang, 'channelType', type)}` : '');
          output(opts, r, () =>
            [
              cliText(lang, r.territory ? 'coverage.headOf' : 'coverage.head', { territory: r.territory, covered: r.total.covered, wanted: r.total.wanted, ratio: pct(r.total.ratio), period: r.period }),
              '',
              ...r.territories.map((t) =>
                [
                  t.code,
                  t.nameZh,
                  `${t.covered}/${t.wanted}`,
                  pct(t.ratio),
                  cliText(lang, 'coverage.activePartners', { count: t.activePartners }),
                  cliText(lang, t.byDefault ? 'coverage.byDefault' : 'coverage.byTargets'),
                  t.gaps ? cliText(lang, 'coverage.gapCount', { count: t.gaps }) : '',
                  t.scorecards ? cliText(lang, 'coverage.revenue', { value: formatMinor(t.revenueMinor) }) : '',
                  t.attainment !== null ? cliText(lang, 'coverage.attainment', { value: pct(t.attainment) }) : '',
                  t.healthScore !== null ? cliText(lang, 'coverage.health', { value: t.healthScore.toFixed(1) }) : '',
                ].join('\t'),
              ),
              '',
              cliText(lang, r.gaps.length ? 'coverage.gaps' : 'coverage.noGaps'),
              ...r.gaps.map((g) =>
                cliText(lang, g.area ? 'coverage.gapArea' : 'coverage.gapTerritory', { territory: g.territoryNameZh, area: g.areaNameZh ?? '', channel: channel(g.channelType), count: g.actual, min: g.minPartners }),
              ),
            ].join('\n'),
          );
        });
      }),
    );
  const targets = coverage.command('targets').description('what each territory wants covered');
  common(targets.command('list').description('the coverage targets'))
    .option('--territory <code>', 'targets in this territory and below it')
    .action(
      action(async (opts: CommonOptions & { territory?: string }) => {
        await withApi(opts, async (api) => {
          const rows = await api.send('territories.coverage.targets.list', opts.territory ? { territory: opts.territory } : {});
          const lang = cliLanguage(opts.lang);
          output(opts, rows, () => rows.map((t) => [t.id, t.territory, t.area ?? '*', t.channelType ? cliWord(lang, 'channelType', t.channelType) : '*', t.minPartners].join('\t')).join('\n') || cliText(lang, 'coverage.noTargets'));
        });
      }),
    );
  common(targets.command('add').argument('<territory>', 'territory code').description('add a coverage target'))
    .option('--area <code>', 'a province or city under the territory that must be covered')
    .option('--channel-type <type>', 'count only partners of this channel type (dealer, distributor, …)')
    .option('--min <n>', 'partners wanted (default 1)', '1')
    .action(
      action(async (territory: string, opts: CommonOptions & { area?: string; channelType?: string; min: string }) => {
        await withApi(opts, async (api) => {
          const t = await api.send('territories.coverage.targets.add', {
            territory,
            area: opts.area ?? null,
            channelType: (opts.channelType ?? null) as never,
            minPartners: Number(opts.min),
          });
          const lang = cliLanguage(opts.lang);
          output(opts, t, () => cliText(lang, 'coverage.targetAdded', { id: t.id, what: `${t.territory}${t.area ? ` ${t.area}` : ''}${t.channelType ? ` ${cliWord(lang, 'channelType', t.channelType)}` : ''}`, min: t.minPartners }));
        });
      }),
    );
  common(targets.command('set').argument('<id>', 'target id').argument('<min>', 'partners wanted').description('change the number a target wants')).action(
    action(async (id: string, min: string, opts: CommonOptions) => {
      await withApi(opts, async (api) => {
        const t = await api.send('territories.coverage.targets.update', { id: Number(id), minPartners: Number(min) });
        output(opts, t, () => cliText(cliLanguage(opts.lang), 'coverage.targetSet', { id: t.id, min: t.minPartners }));
      });
    }),
  );
  common(targets.command('remove').argument('<id>', 'target id').description('remove a coverage target')).action(
    action(async (id: string, opts: CommonOptions) => {
      await withApi(opts, async (api) => {
        const t = await api.send('territories.coverage.targets.remove', { id: Number(id) });
        output(opts, t, () => cliText(cliLanguage(opts.lang), 'coverage.targetRemoved', { id: t.id }));
      });
    }),
  );
}
