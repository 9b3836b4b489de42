import type { Command } from 'commander';
import { resolve } from 'node:path';
import { SETTINGS, type SettingKey } from '../../contract/system';
import { COMPANY_SETTING_KEYS } from '../../domain/company/companyProfile';
import { action, common, output, withApi, type CommonOptions } from '../runtime';

interface CompanyOptions extends CommonOptions {
  name?: string;
  nameEn?: string;
  creditCode?: string;
  address?: string;
  bankName?: string;
  bankAccount?: string;
  logo?: string;
  taxTreatment?: string;
  taxRate?: string;
  invoiceRequirement?: string;
  language?: string;
}

export function register(program: Command): void {
  const company = program.command('company').description('the issuing company on statements (required before statements are exported)');
  common(company.command('set').description('set company profile fields (only those given)'))
    .option('--name <name>', 'company name (on statements)')
    .option('--name-en <name>', 'company name in English')
    .option('--credit-code <code>', '统一社会信用代码 (18 characters)')
    .option('--address <text>', 'registered address')
    .option('--bank-name <name>', 'bank and branch')
    .option('--bank-account <account>', 'bank account number')
    .option('--logo <file>', 'PNG or JPEG shown on statement PDFs')
    .option('--tax-treatment <t>', 'inclusive (含税) or exclusive (不含税)')
    .option('--tax-rate <fraction>', 'VAT rate as a fraction, e.g. 0.06')
    .option('--invoice-requirement <text>', '开票要求: the invoice partners send before payment')
    .option('--language <lang>', 'default statement language: zh-CN, en or bilingual')
    .action(
      action(async (opts: CompanyOptions) => {
        const values: Array<[SettingKey, unknown]> = [];
        const put = (key: SettingKey, v: unknown) => v !== undefined && values.push([key, v]);
        put(COMPANY_SETTING_KEYS.name, opts.name);
        put(COMPANY_SETTING_KEYS.nameEn, opts.nameEn);
        put(COMPANY_SETTING_KEYS.creditCode, opts.creditCode?.trim().toUpperCase());
        put(COMPANY_SETTING_KEYS.address, opts.address);
        put(COMPANY_SETTING_KEYS.bankName, opts.bankName);
        put(COMPANY_SETTING_KEYS.bankAccount, opts.bankAccount);
        put(COMPANY_SETTING_KEYS.logoPath, opts.logo && resolve(opts.logo));
        put(COMPANY_SETTING_KEYS.taxTreatment, opts.taxTreatment);
        put(COMPANY_SETTING_KEYS.taxRate, opts.taxRate === undefined ? undefined : Number(opts.taxRate));
        put(COMPANY_SETTING_KEYS.invoiceRequirement, opts.invoiceRequirement);
        put(COMPANY_SETTING_KEYS.statementLanguage, opts.language);
        if (!values.length) throw new Error('nothing to set: give at least one option (pwb company set --help)');
        // All or nothing: every value is checked before the first one is written.
        const problems = values.flatMap(([key, v]) => {
          const r = SETTINGS[key].schema.safeParse(v);
          return r.success ? [] : [`${key}: ${r.error.issues.map((i) => i.message).join('; ')}`];
        });
        if (problems.length) throw new Error(`invalid company profile:\n  ${problems.join('\n  ')}`);
        await withApi(opts, async (api) => {
          for (const [key, value] of values) await api.send('system.settings.set', { key, value: value as never });
          const p = await api.send('company.profile', {});
          output(opts, p, () => `company profile saved${p.missing.length ? ` · still missing: ${p.missing.join(', ')}` : ' · complete'}`);
        });
      }),
    );
  common(company.command('show').description('show the company profile and what is missing')).action(
    action(async (opts: CommonOptions) => {
      await withApi(opts, async (api) => {
        const p = await api.send('company.profile', {});
        output(opts, p, () =>
          [
            ...Object.entries(p)
              .filter(([k]) => k !== 'missing')
              .map(([k, v]) => `${k}\t${v ?? ''}`),
            p.missing.length ? `missing (statements are refused until filled): ${p.missing.join(', ')}` : 'complete',
          ].join('\n'),
        );
      });
    }),
  );
}
