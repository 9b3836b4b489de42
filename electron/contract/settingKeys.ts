import { z } from 'zod';
import { isTimeZone } from '../../shared/clock';
import { gradeBandsSchema, riskRulesSchema, scoreWeightsSchema, tierRulesSchema } from './evaluations';
import { inventoryRulesSchema } from './inventory';

/**
 * Settings with a known shape, validated on every write through 'settings.set'. Areas with richer settings
 * (risk bands, evaluation weights, deal rules) have their own typed operations; keys not listed here are
 * area-defined JSON documents.
 */
export const KNOWN_SETTINGS = {
  /** Shown on statements and exports. */
  'company.name': z.string().trim().min(1).max(200),
  'company.nameEn': z.string().trim().max(200),
  /** 统一社会信用代码 of the issuing company: 18 characters. */
  'company.creditCode': z.string().trim().regex(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/, 'an 18-character unified social credit code'),
  'company.address': z.string().trim().min(1).max(300),
  'company.bankName': z.string().trim().min(1).max(200),
  /** Kept as text: long digit strings must never become numbers. */
  'company.bankAccount': z.string().trim().regex(/^[0-9A-Za-z -]{4,40}$/, 'digits, letters, spaces or dashes (4–40)'),
  /** 含税 'inclusive' or 不含税 'exclusive': how statement amounts relate to VAT. */
  'statement.taxTreatment': z.enum(['inclusive', 'exclusive']),
  /** VAT rate as a fraction (0.06 = 6 %). */
  'statement.taxRate': z.number().min(0).max(1),
  /** 开票要求: the invoice the partner sends before payment. */
  'statement.invoiceRequirement': z.string().trim().max(500),
  /** Default language of statements: zh-CN, en or bilingual. */
  'statement.language': z.enum(['zh-CN', 'en', 'bilingual']),
  /** A PNG or JPEG file shown on statement PDFs. */
  'company.logoPath': z.string().max(4096).regex(/\.(png|jpe?g)$/i, 'a .png or .jpg file'),
  /** First month of the fiscal year (1 = calendar year); shifts quarters, halves and years. */
  'company.fiscalStartMonth': z.number().int().min(1).max(12),
  /** IANA time zone (Asia/Shanghai) that decides "today" (paid dates, closed dates, due dates); unset = the machine's. */
  'company.timeZone': z.string().max(64).refine(isTimeZone, 'not a known time zone (e.g. Asia/Shanghai)'),
  /** The local user profile recorded in the audit trail. */
  'user.name': z.string().trim().min(1).max(100),
  'backup.folder': z.string().min(1).max(4096),
  /** Evaluation rules (typed ops: 'evaluations.settings.get/set'); the same schemas guard the generic path. */
  'evaluation.weights': scoreWeightsSchema,
  'evaluation.gradeBands': gradeBandsSchema,
  'evaluation.tierRules': tierRulesSchema,
  'evaluation.riskRules': riskRulesSchema,
  /** Channel inventory rules (typed ops: 'inventory.rules.get/set'); missing fields take their defaults. */
  'inventory.rules': inventoryRulesSchema.partial(),
} as const;

export type KnownSettingKey = keyof typeof KNOWN_SETTINGS;

export function isKnownSetting(key: string): key is KnownSettingKey {
  return Object.prototype.hasOwnProperty.call(KNOWN_SETTINGS, key);
}
