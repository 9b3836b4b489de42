import type { Workspace } from '../../../db/database';
import { DomainError } from '../../../shared/errors';
import { TAX_TREATMENTS, TaxTreatment, STATEMENT_LANGUAGES, StatementLanguage, CompanyProfile, REQUIRED_COMPANY_FIELDS, RequiredCompanyField } from '../../model/company';
import { companyStore } from './store';

/** The settings keys of the profile, in the order the Settings section and `pwb company set` show them. */
export const COMPANY_SETTING_KEYS = {
  name: 'company.name',
  nameEn: 'company.nameEn',
  creditCode: 'company.creditCode',
  address: 'company.address',
  bankName: 'company.bankName',
  bankAccount: 'company.bankAccount',
  logoPath: 'company.logoPath',
  taxTreatment: 'statement.taxTreatment',
  taxRate: 'statement.taxRate',
  invoiceRequirement: 'statement.invoiceRequirement',
  statementLanguage: 'statement.language',
} as const satisfies Record<keyof CompanyProfile, string>;

export function loadCompanyProfile(ws: Workspace): CompanyProfile & { missing: RequiredCompanyField[] } {
  const rows = companyStore.profileSettings(ws);
  const byKey = new Map(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  const text = (k: string) => {
    const v = byKey.get(k);
    return typeof v === 'string' && v.trim() ? v.trim() : null;
  };
  const treatment = byKey.get(COMPANY_SETTING_KEYS.taxTreatment);
  const rate = byKey.get(COMPANY_SETTING_KEYS.taxRate);
  const lang = byKey.get(COMPANY_SETTING_KEYS.statementLanguage);
  const profile: CompanyProfile = {
    name: text(COMPANY_SETTING_KEYS.name),
    nameEn: text(COMPANY_SETTING_KEYS.nameEn),
    creditCode: text(COMPANY_SETTING_KEYS.creditCode),
    address: text(COMPANY_SETTING_KEYS.address),
    bankName: text(COMPANY_SETTING_KEYS.bankName),
    bankAccount: text(COMPANY_SETTING_KEYS.bankAccount),
    logoPath: text(COMPANY_SETTING_KEYS.logoPath),
    taxTreatment: (TAX_TREATMENTS as readonly unknown[]).includes(treatment) ? (treatment as TaxTreatment) : 'inclusive',
    taxRate: typeof rate === 'number' ? rate : 0.06,
    invoiceRequirement: text(COMPANY_SETTING_KEYS.invoiceRequirement),
    statementLanguage: (STATEMENT_LANGUAGES as readonly unknown[]).includes(lang) ? (lang as StatementLanguage) : 'bilingual',
  };
  return { ...profile, missing: REQUIRED_COMPANY_FIELDS.filter((f) => !profile[f]) };
}

/** Statements go to finance and partners: refused until the issuing company is filled in, saying where. */
export function requireCompanyProfile(ws: Workspace): CompanyProfile {
  const { missing, ...profile } = loadCompanyProfile(ws);
  if (missing.length) {
    const keys = missing.map((f) => COMPANY_SETTING_KEYS[f]);
    throw new DomainError(
      `Statements need the company profile first: ${keys.join(', ')} missing. Fill it in under Settings → Company profile (设置 → 公司信息), or run: pwb company set --name N --credit-code C --address A --bank-name B --bank-account ACC`,
      'DOMAIN',
      { reason: 'companyProfileMissing', params: { missing: keys } },
    );
  }
  return profile;
}
