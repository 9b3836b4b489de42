import { z } from 'zod';
import { DEAL_STATUSES, type DealRegistrationRow } from '../../db/schema';
import { zs } from '../../shared/fields';
import { partnerIdFields } from '../../shared/partnerIds';

/** A deal registration (商机报备) as a partner or the direct team enters it. */
export const dealFields = z
  .object({
    /** null = the direct sales team */
    partnerId: zs.id.nullable(),
    customerName: zs.name,
    /** 统一社会信用代码 (18 characters) */
    customerCreditCode: partnerIdFields.creditCode,
    productLine: z.string().trim().min(1).max(64),
    expectedValueMinor: zs.minor.min(0),
    quotedPriceMinor: zs.minor.min(0).nullable().optional(),
    expectedCloseOn: zs.isoDate.nullable().optional(),
  })
  .strict();
export type DealInput = z.input<typeof dealFields>;

export const DEAL_DECISIONS = ['approve', 'reject', 'won', 'lost'] as const;
export type DealDecision = (typeof DEAL_DECISIONS)[number];

export interface CustomerConflict {
  kind: 'customer';
  registrationId: number;
  partnerId: number | null;
  partnerCode: string | null;
  partnerName: string | null;
  customerName: string;
  matchedBy: Array<'name' | 'creditCode'>;
  status: string;
  registeredAt: string;
  protectedUntil: string | null;
}
export interface PriceConflict {
  kind: 'price';
  productLine: string;
  quotedPriceMinor: number;
  floorMinor: number;
}
export type DealConflict = CustomerConflict | PriceConflict;

export interface DealRow extends Omit<DealRegistrationRow, 'conflicts'> {
  conflicts: DealConflict[];
  partnerCode: string | null;
  partnerName: string | null;
  partnerNameEn: string | null;
  riskId: number | null;
  riskCode: string | null;
}

export interface DealSettings {
  conflictWindowDays: number;
  protectionDays: number;
  /** Minimum quoted price per product line, in minor units. */
  priceFloors: Record<string, number>;
}

export const DEFAULT_DEAL_SETTINGS: DealSettings = { conflictWindowDays: 90, protectionDays: 90, priceFloors: {} };

export const dealSettingsInput = z
  .object({
    conflictWindowDays: z.number().int().min(0).max(3650),
    protectionDays: z.number().int().min(1).max(3650),
    priceFloors: z.record(z.string().trim().min(1).max(64), zs.minor.min(0)),
  })
  .strict();

export const dealListInput = z
  .object({
    statuses: z.array(z.enum(DEAL_STATUSES)).max(DEAL_STATUSES.length).optional(),
    partnerIds: z.array(zs.id).max(10_000).optional(),
    /** Only the direct team's registrations. */
    direct: z.boolean().optional(),
    search: z.string().max(100).optional(),
    /** "Mine": only the partners these channel managers own now. */
    channelManagerIds: z.array(zs.id).max(1000).optional(),
  })
  .strict();
export type DealListFilter = z.output<typeof dealListInput>;

