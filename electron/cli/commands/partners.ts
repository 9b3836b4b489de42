import type { Command } from 'commander';
import { CHANNEL_TYPES, PARTNER_STATUSES, TIERS } from '../../../db/schema';
import { action, cliLanguage, common, output, withApi, type CommonOptions } from '../runtime';
import { cliText, cliWord } from '../cliTexts';

const list = (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean);

export function register(program: Command): void {
  const partners = program.command('partners').description('partner master data');
  common(partners.command('list').description('list partners'))
    .option('--search <text>', 'code, name or city contains')
    .option('--channel <types>', `channel types (${CHANNEL_TYPES.join(',')})`, list)
    .option('--tier <tiers>', `tiers (${TIERS.join(',')})`, list)
    .option('--region <territories>', 'territory codes or exact names (each includes its sub-territories; see pwb territories list)', list)
    .option('--status <statuses>', `statuses (${PARTNER_STATUSES.join(',')})`, list)
    .action(
      action(async (opts: CommonOptions & { search?: string; channel?: string[]; tier?: string[]; region?: string[]; status?: string[] }) => {
        await withApi(opts, async (api) => {
          const r = await api.sendRaw('partners.list', {
            search: opts.search,
            channelTypes: opts.channel,
            tiers: opts.tier,
            regions: opts.region,
            statuses: opts.status,
          }) as Awaited<ReturnType<typeof api.send<'partners.list'>>>;
          const lang = cliLanguage(opts.lang);
          output(opts, r.rows, () =>
            [
              ...r.rows.map((p) => [p.code, lang === 'en' ? (p.nameEn ?? p.name) : p.name, cliWord(lang, 'channelType', p.channelType), cliWord(lang, 'tier', p.tier), p.territory ?? '', cliWord(lang, 'partnerStatus', p.status)].join('\t')),
              cliText(lang, 'partners.total', { count: r.total }),
            ].join('\n'),
          );
        });
      }),
    );
}
