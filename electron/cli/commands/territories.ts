import type { Command } from 'commander';
import { action, common, output, withApi, type CommonOptions } from '../runtime';

/** `pwb territories list|add|rename|move|merge`: the company's territory tree. */
export function register(program: Command): void {
  const territories = program.command('territories').description('the territory tree: 大区, sub-territories, provinces, cities');
  common(territories.command('list').description('every territory, parents before children, with its live partner count')).action(
    action(async (opts: CommonOptions) => {
      await withApi(opts, async (api) => {
        const rows = await api.send('territories.list', {});
        output(
          opts,
          rows.map(({ code, nameZh, nameEn, parent, active, partners }) => ({ code, nameZh, nameEn, parent, active, partners })),
          () => rows.map((t) => [t.code, t.nameZh, t.nameEn ?? '', t.parent ?? '', t.kind, t.active ? 'active' : 'inactive', t.partners].join('\t')).join('\n'),
        );
      });
    }),
  );
  common(territories.command('add').argument('<name>', 'Chinese name (or the only name)').description('add a territory'))
    .option('--code <code>', 'its code (default: from the English name)')
    .option('--name-en <name>', 'English name')
    .option('--parent <code>', 'parent territory code (default: a top-level territory)')
    .action(
      action(async (name: string, opts: CommonOptions & { code?: string; nameEn?: string; parent?: string }) => {
        await withApi(opts, async (api) => {
          const t = await api.send('territories.add', { nameZh: name, code: opts.code, nameEn: opts.nameEn ?? null, parent: opts.parent ?? null });
          output(opts, t, () => `Added ${t.code} ${t.nameZh}${t.parent ? ` under ${t.parent}` : ''}`);
        });
      }),
    );
  common(territories.command('rename').argument('<code>', 'territory code').description('rename a territory (partners stay with it)'))
    .option('--name <name>', 'new Chinese name')
    .option('--name-en <name>', 'new English name')
    .option('--code <code>', 'new code')
    .action(
      action(async (code: string, opts: CommonOptions & { name?: string; nameEn?: string; code?: string }) => {
        await withApi(opts, async (api) => {
          const t = await api.send('territories.rename', { code, nameZh: opts.name, nameEn: opts.nameEn, newCode: opts.code });
          output(opts, t, () => `Renamed: ${t.code} ${t.nameZh}${t.nameEn ? ` / ${t.nameEn}` : ''}`);
        });
      }),
    );
  common(
    territories
      .command('move')
      .argument('<code>', 'territory code')
      .argument('[parent]', 'new parent code (omit to make it a top-level territory)')
      .description('move a territory under another one (partners and sub-territories go with it)'),
  ).action(
    action(async (code: string, parent: string | undefined, opts: CommonOptions) => {
      await withApi(opts, async (api) => {
        const t = await api.send('territories.move', { code, parent: parent ?? null });
        output(opts, t, () => `Moved ${t.code} ${t.parent ? `under ${t.parent}` : 'to the top level'}`);
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
        output(opts, r, () => `Merged ${from} into ${r.into.code}: ${r.movedPartners} partners moved`);
      });
    }),
  );
}
