import { z } from 'zod';
import { isTimeZone } from '../../shared/clock';
import { gradeBandsSchema, riskRulesSchema, scoreWeightsSchema, tierRulesSchema } from './evaluations';

/**
 * Settings with a known shape, validated on every write through 'settings.set'. Areas with richer settings
 * (risk bands, evaluation weights, deal rules) have their own typed operations; keys not listed here are
 * area-defined JSON documents.
 */
export const KNOWN_SETTINGS = {
  /** Shown on statements and exports. */
  'company.name': z.string().trim().min(1).max(200),
  'company.nameEn': z.string().trim().max(200),
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
} as const;

export type KnownSettingKey = keyof typeof KNOWN_SETTINGS;

export function isKnownSetting(key: string): key is KnownSettingKey {
  return Object.prototype.hasOwnProperty.call(KNOWN_SETTINGS, key);
}
