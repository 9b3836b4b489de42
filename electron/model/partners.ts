import { z } from 'zod';
import { CHANNEL_TYPES, PARTNER_STATUSES, TIERS, type PartnerRow } from '../../db/schema';
import { zs } from '../../shared/fields';
import { partnerIdFields } from '../../shared/partnerIds';

/**
 * Any printable text without leading or trailing spaces (曾惠-14485, Channel Islands, P-001), case-sensitive: what
 * companies' own partner and customer codes hold. No control or format characters, no line breaks.
 */
export const PARTNER_CODE = /^[^\p{C}\s](?:[^\p{C}\n\r\t\v\f\u2028\u2029]*[^\p{C}\s])?$/u;
const partnerCode = z
  .string()
  .min(1)
  .max(64)
  .regex(PARTNER_CODE, 'a partner code is printable text without leading or trailing spaces');

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

/** No zod defaults here: the same shape, made partial, is the update patch; the database supplies defaults. */
export const partnerFields = z
  .object({
    code: partnerCode,
    name: zs.name,
    nameEn: optionalText(200),
    channelType: z.enum(CHANNEL_TYPES),
    tier: z.enum(TIERS).optional(),
    /** Territory code (any level of the tree). */
    territory: z.string().trim().min(1).max(32).nullable().optional(),
    province: optionalText(50),
    city: optionalText(50),
    status: z.enum(PARTNER_STATUSES).optional(),
    channelManagerId: zs.id.nullable().optional(),
    contactName: optionalText(100),
    /** Mainland mobile, landline with area code, 400/800 or +country code; stored normalised (shared/partnerIds). */
    phone: partnerIdFields.phone,
    email: z.union([z.email().max(200), z.literal('')]).nullable().optional(),
    address: optionalText(300),
    /** 统一社会信用代码 with its check character (GB 32100-2015). */
    creditCode: partnerIdFields.creditCode,
    bankName: optionalText(200),
    /** Digits only; spaces typed between groups are dropped. */
    bankAccount: partnerIdFields.bankAccount,
    joinedOn: zs.isoDate.nullable().optional(),
    currency: z.string().regex(/^[A-Z]{3}$/, 'ISO currency code').optional(),
    notes: optionalText(4000),
  })
  .strict();

export type PartnerInput = z.input<typeof partnerFields>;
/** A partner as the app shows it: the row, its territory (code and names) and its channel manager's name. */
export type PartnerView = PartnerRow & {
  territory: string | null;
  territoryName: string | null;
  territoryNameEn: string | null;
  channelManager: string | null;
};
export type Partner = PartnerView;

export const partnerListInput = z
  .object({
    search: z.string().max(100).optional(),
    channelTypes: z.array(z.enum(CHANNEL_TYPES)).max(CHANNEL_TYPES.length).optional(),
    tiers: z.array(z.enum(TIERS)).max(TIERS.length).optional(),
    /** Territory codes (or exact names); each includes its descendants. */
    regions: z.array(z.string().trim().min(1).max(100)).max(500).optional(),
    /** Territory codes: partners assigned there (or below) or located there by their province/city (the tile map's click). */
    places: z.array(z.string().trim().min(1).max(32)).max(100).optional(),
    channelManagerIds: z.array(zs.id).max(500).optional(),
    statuses: z.array(z.enum(PARTNER_STATUSES)).max(PARTNER_STATUSES.length).optional(),
    includeDeleted: z.boolean().optional(),
    limit: z.number().int().min(1).max(100_000).optional(),
    offset: z.number().int().min(0).optional(),
  })
  .strict();

