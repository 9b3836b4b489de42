import type { Command } from 'commander';
import { resolve } from 'node:path';
import { SETTINGS, type SettingKey } from '../../contract/system';
import { COMPANY_SETTING_KEYS } from '../../domain/company/companyProfile';
import { issueText, type IssueLike } from '../../../shared/validationMessages';
import { action, cliLanguage, common, output, withApi, type CommonOptions } from '../runtime';
import { CliError, cliJoin, cliText, formatTable, type CliLanguage } from '../cliTexts';

type Field = keyof typeof COMPANY_SETTING_KEYS;
const fieldWords = (lang: CliLanguage, f: Field) => cliText(lang, `company.field.${f}`);
/** A setting key of the profile (company.name) as its field's words. */
const keyWords = (lang: CliLanguage, key: string) => {
  const f = (Object.keys(COMPANY_SETTING_KEYS) as Field[]).find((k) => COMPANY_SETTING_KEYS[k] === key || k === key);
  return f ? fieldWords(lang, f) : key;
};
/** A profile value in words where it is one of a few (tax treatment, statement language). */
function valueWords(lang: CliLanguage, f: Field, v: unknown): string {
  if (v == null) return '';
  if (f === 'taxTreatment' && (v === 'inclusive' || v === 'exclusive')) return cliText(lang, `company.taxTreatment.${v}`);
  if (f === 'statementLanguage' && (v === 'zh-CN' || v === 'en' || v === 'bilingual')) return cliText(lang, `company.language.${v}`);
  return String(v);
}

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

/** The profile's fields, one a line, named in the reader's language. */
function formatFields(lang: CliLanguage, p: Partial<Record<Field, unknown>>): string {
  return formatTable(null, (Object.keys(COMPANY_SETTING_KEYS) as Field[]).map((f) => [fieldWords(lang, f), valueWords(lang, f, p[f])]));
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
        if (!values.length) throw new CliError('company.nothingToSet');
        // All or nothing: every value is checked before the first one is written.
        const lang = cliLanguage(opts.lang);
        const problems = values.flatMap(([key, v]) => {
          const r = SETTINGS[key].schema.safeParse(v);
          return r.success ? [] : r.error.issues.map((i) => issueText(i as IssueLike, keyWords(lang, key), lang, { listValues: true }));
        });
        if (problems.length) throw new Error(`${cliText(lang, 'company.invalid')}\n  ${problems.join('\n  ')}`);
        await withApi(opts, async (api) => {
          for (const [key, value] of values) await api.send('system.settings.set', { key, value: value as never });
          const p = await api.send('company.profile', {});
          const l = cliLanguage(opts.lang);
          output(opts, p, () => `${cliText(l, 'company.saved')}${p.missing.length ? cliText(l, 'company.stillMissing', { fields: cliJoin(l, p.missing.map((k) => keyWords(l, k))) }) : ` · ${cliText(l, 'company.complete')}`}`);
        });
      }),
    );
  common(company.command('show').description('show the company profile and what is missing')).action(
    action(async (opts: CommonOptions) => {
      await withApi(opts, async (api) => {
        const p = await api.send('company.profile', {});
        const lang = cliLanguage(opts.lang);
        output(opts, p, () =>
          [
            formatFields(lang, p),
            p.missing.length ? cliText(lang, 'company.missing', { fields: cliJoin(lang, p.missing.map((k) => keyWords(lang, k))) }) : cliText(lang, 'company.complete'),
          ].join('\n'),
        );
      });
    }),
  );
}
