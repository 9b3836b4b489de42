import { z } from 'zod';
import { isTimeZone } from '../../shared/clock';
import { zs } from '../../shared/fields';
import { CREDIT_CODE_MESSAGES, creditCodeProblem, normaliseCreditCode } from '../../shared/partnerIds';
import { dealSettingsInput, DEFAULT_DEAL_SETTINGS } from './deals';
import {
  DEFAULT_GRADE_BANDS,
  DEFAULT_RISK_RULES,
  DEFAULT_TIER_RULES,
  DEFAULT_WEIGHTS,
  gradeBandsSchema,
  riskRulesSchema,
  scoreWeightsSchema,
  tierRulesSchema,
} from './evaluations';
import { hqUrl } from './hq';
import { importMapping } from './imports';
import { DEFAULT_INVENTORY_RULES, inventoryRulesSchema } from './inventory';
import { DEFAULT_RISK_BANDS, riskBand } from './risks';

/**
 * The settings registry: every key the workspace stores in `settings`, declared once with its schema, its default and
 * who may set it. `system.settings.set` / `system.settings.get` / `pwb settings` refuse keys not listed here and values the schema
 * refuses; domain code reads and writes only these keys (`getSetting` / `setSetting` take a `SettingKey`, so a typo is
 * a compile error); the settings page takes its keys and defaults from here.
 *
 * `setBy` names the operations that write the key: `system.settings.set` (the settings page, `pwb settings set`, the company
 * profile) and/or the area's own operation, which validates more (e.g. risk bands must cover 1–25). A key whose
 * `setBy` lacks `system.settings.set` is refused there with the operation to use.
 *
 * `default` is what a workspace that never stored the key behaves as; `null` means "not set" (e.g. the time zone is
 * the machine's, the company name is missing until given).
 */
interface SettingDef<S extends z.ZodType> {
  schema: S;
  default: z.output<S> | null;
  setBy: readonly string[];
}
const def = <S extends z.ZodType>(schema: S, dflt: z.output<S> | null, setBy: readonly string[] = ['system.settings.set']): SettingDef<S> => ({ schema, default: dflt, setBy });

const mappingTemplate = z.object({ name: zs.name.max(100), mapping: importMapping, savedAt: z.string().max(40) }).strict();

export const SETTINGS = {
  /** Shown on statements and exports. */
  'company.name': def(z.string().trim().min(1).max(200), null),
  'company.nameEn': def(z.string().trim().max(200), null),
  /** 统一社会信用代码 of the issuing company, checked as the partners' are (GB 32100-2015, with its check character). */
  'company.creditCode': def(
    z
      .string()
      .max(40)
      .overwrite(normaliseCreditCode)
      .check((ctx) => {
        const p = creditCodeProblem(ctx.value);
        if (p) ctx.issues.push({ code: 'custom', message: CREDIT_CODE_MESSAGES[p], input: ctx.value });
      }),
    null,
  ),
  'company.address': def(z.string().trim().min(1).max(300), null),
  'company.bankName': def(z.string().trim().min(1).max(200), null),
  /** Kept as text: long digit strings must never become numbers. */
  'company.bankAccount': def(z.string().trim().regex(/^[0-9A-Za-z -]{4,40}$/, 'digits, letters, spaces or dashes (4–40)'), null),
  /** A PNG or JPEG file shown on statement PDFs. */
  'company.logoPath': def(z.string().max(4096).regex(/\.(png|jpe?g)$/i, 'a .png or .jpg file'), null),
  /** First month of the fiscal year (1 = calendar year); shifts quarters, halves and years. */
  'company.fiscalStartMonth': def(z.number().int().min(1).max(12), 1),
  /** IANA time zone (Asia/Shanghai) that decides "today" (paid dates, closed dates, due dates); unset = the machine's. */
  'company.timeZone': def(z.string().max(64).refine(isTimeZone, 'not a known time zone (e.g. Asia/Shanghai)'), null),
  /** 含税 'inclusive' or 不含税 'exclusive': how statement amounts relate to VAT. */
  'statement.taxTreatment': def(z.enum(['inclusive', 'exclusive']), 'inclusive'),
  /** VAT rate as a fraction (0.06 = 6 %). */
  'statement.taxRate': def(z.number().min(0).max(1), 0.06),
  /** 开票要求: the invoice the partner sends before payment. */
  'statement.invoiceRequirement': def(z.string().trim().max(500), null),
  /** Default language of statements: zh-CN, en or bilingual. */
  'statement.language': def(z.enum(['zh-CN', 'en', 'bilingual']), 'bilingual'),
  /**
   * The app's language as last chosen in the window (the side bar's switch; saved once when unset): what texts the
   * workspace writes for no one in particular are worded in — a rejected-rows file whose caller named no language.
   */
  'ui.language': def(z.enum(['zh-CN', 'en']), null),
  /** The local user profile recorded in the audit trail (unset: the operating-system user). */
  'user.name': def(z.string().trim().min(1).max(100), null),
  /** Where backups go (unset: `backups/` beside the workspace). */
  'backup.folder': def(z.string().min(1).max(4096), null),
  /** Evaluation rules (their own page: 'evaluations.settings.set'; the same schemas guard the generic path). */
  'evaluation.weights': def(scoreWeightsSchema, DEFAULT_WEIGHTS, ['evaluations.settings.set', 'system.settings.set']),
  'evaluation.gradeBands': def(gradeBandsSchema, DEFAULT_GRADE_BANDS, ['evaluations.settings.set', 'system.settings.set']),
  'evaluation.tierRules': def(tierRulesSchema, DEFAULT_TIER_RULES, ['evaluations.settings.set', 'system.settings.set']),
  'evaluation.riskRules': def(riskRulesSchema, DEFAULT_RISK_RULES, ['evaluations.settings.set', 'system.settings.set']),
  /** Channel inventory rules (own page: 'inventory.rules.set', a partial patch); missing fields take their defaults. */
  'inventory.rules': def(inventoryRulesSchema.partial(), DEFAULT_INVENTORY_RULES, ['inventory.rules.set', 'system.settings.set']),
  /** Risk score bands low → critical covering 1–25 ('risks.bands.set' checks they are contiguous). */
  'risk.bands': def(z.array(riskBand).length(4), DEFAULT_RISK_BANDS, ['risks.bands.set']),
  /** Days from an evaluation to the first review of the auto-risks it raises (their next review date). */
  'risk.autoReviewDays': def(z.number().int().min(1).max(365), 30),
  /** Deal registration: days a registration blocks others, protection days, minimum price per product line. */
  'deals.conflictWindowDays': def(dealSettingsInput.shape.conflictWindowDays, DEFAULT_DEAL_SETTINGS.conflictWindowDays, ['deals.settings.set']),
  'deals.protectionDays': def(dealSettingsInput.shape.protectionDays, DEFAULT_DEAL_SETTINGS.protectionDays, ['deals.settings.set']),
  'deals.priceFloors': def(dealSettingsInput.shape.priceFloors, DEFAULT_DEAL_SETTINGS.priceFloors, ['deals.settings.set']),
  /** Saved column mappings of the import wizard. */
  'imports.templates': def(z.array(mappingTemplate).max(1000), [], ['imports.templates.save', 'imports.templates.delete']),
  /** The HQ connection (address without password; the password's file). */
  'hq.url': def(hqUrl, null, ['hq.configure']),
  'hq.passwordFile': def(zs.filePath, null, ['hq.configure', 'hq.savePassword']),
  /** The user declined the demo offer of an empty workspace. */
  'demo.dismissed': def(z.boolean(), false, ['system.dismissDemo']),
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.output<(typeof SETTINGS)[K]['schema']>;
export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];

export function isSettingKey(key: string): key is SettingKey {
  return Object.prototype.hasOwnProperty.call(SETTINGS, key);
}

/** Keys the generic `system.settings.set` (the settings page, `pwb settings set`) may write. */
export function isUserSetting(key: SettingKey): boolean {
  return SETTINGS[key].setBy.includes('system.settings.set');
}

/** The message of the unknown-key refusal (worded in shared/validationMessages.ts SCHEMA_MESSAGES). */
export const UNKNOWN_SETTING = 'not a known setting';
/** The message of the refusal of a key its area's own operation sets. */
export const SETTING_HAS_OWN_OPERATION = 'this setting is changed on its own page';

/** A setting key as input: one of the registry's keys, refused in words otherwise (not with zod's list of 30 keys). */
export const settingKey = z
  .string()
  .max(100)
  .refine((k) => isSettingKey(k), UNKNOWN_SETTING);
