/** How amounts on statements relate to VAT. */
export const TAX_TREATMENTS = ['inclusive', 'exclusive'] as const;

export type TaxTreatment = (typeof TAX_TREATMENTS)[number];

/** The language a statement is issued in. */
export const STATEMENT_LANGUAGES = ['zh-CN', 'en', 'bilingual'] as const;

export type StatementLanguage = (typeof STATEMENT_LANGUAGES)[number];

/** The issuing company as statements show it (settings `company.*` and `statement.*`). */
export interface CompanyProfile {
  name: string | null;
  nameEn: string | null;
  /** 统一社会信用代码 */
  creditCode: string | null;
  address: string | null;
  bankName: string | null;
  bankAccount: string | null;
  logoPath: string | null;
  /** 含税 (amounts include VAT) or 不含税. */
  taxTreatment: TaxTreatment;
  /** VAT rate as a fraction (0.06 = 6 %). */
  taxRate: number;
  /** 开票要求: what invoice the partner must send before payment. */
  invoiceRequirement: string | null;
  /** Default language of statements. */
  statementLanguage: StatementLanguage;
}

/** What a statement cannot be issued without. */
export const REQUIRED_COMPANY_FIELDS = ['name', 'creditCode', 'address', 'bankName', 'bankAccount'] as const;

export type RequiredCompanyField = (typeof REQUIRED_COMPANY_FIELDS)[number];
