import { z } from 'zod';
import { isoDate } from '../../shared/dates';
import { zs } from '../../shared/fields';
import { periodFromText } from '../../shared/periodText';
import type { PartnerRow, ProductRow, sellThroughLines } from '../../db/schema';
import type { ShareMissingReason } from '../../shared/enums';

/** Per partner and period: sell-in against sell-through, stock, cross-territory selling and price discipline (null = not measurable). */
export interface ChannelMeasures {
  partnerId: number;
  sellInQuantity: number;
  sellThroughQuantity: number;
  sellThroughAmountMinor: number;
  /** sell-through ÷ sell-in quantity; null without sell-in (≤ 0) or when the partner has never reported sell-through. */
  sellThroughRate: number | null;
  openingStock: number | null;
  closingStock: number | null;
  closingStockValueMinor: number | null;
  /** The latest stock report on or before the period's end. */
  lastReportDate: string | null;
  /** closing stock ÷ (sell-through ÷ days of the period); null without closing stock or without positive sell-through. */
  daysOfInventory: number | null;
  weeksOfSupply: number | null;
  /** sell-through ÷ average of opening and closing stock; null when that average is 0 or unknown. */
  inventoryTurnover: number | null;
  /** Sales lines (quantity > 0) whose customer province is known, and those outside the partner's territory. */
  locatedLines: number;
  crossTerritoryLines: number;
  crossTerritoryAmountMinor: number;
  crossTerritoryShare: number | null;
  /** Why crossTerritoryShare is null ('noSales', 'noTerritory', 'noProvince'); null when it has a value. */
  crossTerritoryShareMissing: ShareMissingReason | null;
  /** Sales lines with an amount and a floor price at their date, and those below it. */
  pricedLines: number;
  belowFloorLines: number;
  belowFloorAmountMinor: number;
  /** What the below-floor lines were sold under the floor, in total (floor × quantity − amount). */
  belowFloorGapMinor: number;
  belowFloorShare: number | null;
  /** Why belowFloorShare is null ('noSales', 'noAmount', 'noFloor'); null when it has a value. */
  belowFloorShareMissing: ShareMissingReason | null;
}

/** A sell-through line behind a 窜货 or 控价 finding. */
/** A sell-through line behind a channel risk (the drizzle schema's columns) with its partner and product by code and name. */
export type EvidenceLine = Pick<
  typeof sellThroughLines.$inferSelect,
  'id' | 'date' | 'quantity' | 'amountMinor' | 'customerRef' | 'customerName' | 'customerProvince' | 'orderRef'
> & {
  partnerCode: PartnerRow['code'];
  productCode: ProductRow['code'];
  productName: ProductRow['nameZh'];
  productNameEn: ProductRow['nameEn'];
  /** 窜货: the customer's province (zh) and the partner's territory; 控价: the floor and how far under it (0.2 = 20 %). */
  provinceName: string | null;
  territoryName: string | null;
  /** The same in English where the territory tree has it (the page shows the reader's language). */
  provinceNameEn: string | null;
  territoryNameEn: string | null;
  floorPriceMinor: number | null;
  unitPriceMinor: number | null;
  underFloor: number | null;
};

export interface InventoryRules {
  /** Sell-in growth above sell-through growth by more than this many percentage points is a stuffing sign. */
  stuffingGapPoints: number;
  /** Days of inventory above this is a stuffing sign. */
  doiLimitDays: number;
  /** A partner whose last stock report is older than this many days is flagged. */
  notReportedDays: number;
  /** Whether an evaluation raises, updates and closes the channel auto-risks (stuffing, 窜货, 乱价). */
  autoRisks: boolean;
  /** 窜货 raises a channel-conflict risk when the share of located lines outside the territory is above this (0: any line). */
  crossTerritoryShareLimit: number;
  /** 乱价 raises a price-conflict risk when the share of priced lines below the floor is above this (0: any line). */
  belowFloorShareLimit: number;
}
export const DEFAULT_INVENTORY_RULES: InventoryRules = {
  stuffingGapPoints: 20,
  doiLimitDays: 90,
  notReportedDays: 14,
  autoRisks: true,
  crossTerritoryShareLimit: 0,
  belowFloorShareLimit: 0,
};
export const inventoryRulesSchema = z
  .object({
    stuffingGapPoints: z.number().finite().min(0).max(1000),
    doiLimitDays: z.number().finite().min(1).max(3650),
    notReportedDays: z.number().int().min(1).max(365),
    autoRisks: z.boolean(),
    crossTerritoryShareLimit: z.number().finite().min(0).max(1),
    belowFloorShareLimit: z.number().finite().min(0).max(1),
  })
  .strict();

/** The channel-stuffing signal of one partner for one period (the period and the one before it both meet a condition). */
export interface StuffingSignal {
  partnerId: number;
  period: string;
  signalled: boolean;
  /** Per period (older first): sell-in growth, sell-through growth, DOI and which condition held. */
  periods: Array<{ period: string; sellInGrowth: number | null; sellThroughGrowth: number | null; daysOfInventory: number | null; gap: boolean; doi: boolean }>;
}

export const CUSTOMER_SEGMENTS = ['champions', 'loyal', 'new', 'atRisk', 'hibernating', 'lost'] as const;
export type CustomerSegment = (typeof CUSTOMER_SEGMENTS)[number];

export interface CustomerRfm {
  partnerCode: string;
  customerRef: string;
  customerName: string | null;
  /** Days from the last purchase on or before asOf to asOf. */
  recencyDays: number;
  /** Distinct orders in the window (a line without an order number counts its day as one order). */
  frequency: number;
  monetaryMinor: number;
  r: number;
  f: number;
  m: number;
  segment: CustomerSegment;
  firstPurchaseOn: string;
  lastPurchaseOn: string;
}

/** Cohort retention by first-purchase quarter and the new vs repeat revenue of each quarter (README "End customers"). */
export interface CustomerCohorts {
  asOf: string;
  /** The quarters shown, oldest first (fiscal quarters, the last one holding asOf). */
  quarters: string[];
  /** One row per first-purchase quarter among `quarters`: its customers and, per quarter since (0 = the first), how many bought again. */
  cohorts: Array<{ quarter: string; customers: number; retained: number[]; rates: number[] }>;
  /** Per quarter: revenue from customers buying for the first time that quarter, and from customers who bought before. */
  mix: Array<{ quarter: string; newCustomers: number; repeatCustomers: number; newAmountMinor: number; repeatAmountMinor: number; repeatShare: number | null }>;
}
export const customerCohortsInput = z
  .object({
    asOf: isoDate.optional(),
    partnerCode: z.string().trim().min(1).max(64).optional(),
    quarters: z.number().int().min(1).max(20).default(8),
  })
  .strict();

export interface LapsedCustomer {
  partnerCode: string;
  customerRef: string;
  customerName: string | null;
  customerProvince: string | null;
  lastPurchaseOn: string;
  /** Orders and amount in the previous window (what is at stake). */
  previousOrders: number;
  previousAmountMinor: number;
}

export const customersInput = z
  .object({
    /** Default: today (the workspace clock). */
    asOf: isoDate.optional(),
    partnerCode: z.string().trim().min(1).max(64).optional(),
    windowMonths: z.number().int().min(1).max(60).default(12),
  })
  .strict();
export type CustomersInput = z.output<typeof customersInput>;

/** One partner × product line of the Inventory & sell-through page. */
export interface InventoryGridRow {
  partnerCode: string;
  partnerName: string;
  partnerNameEn: string | null;
  productCode: string;
  productName: string;
  productNameEn: string | null;
  productLine: string | null;
  sellInQuantity: number;
  sellThroughQuantity: number;
  sellThroughRate: number | null;
  closingStock: number | null;
  closingStockValueMinor: number | null;
  daysOfInventory: number | null;
  /** The partner's latest stock report on or before the period's end, and the days from it to today. */
  lastReportDate: string | null;
  daysSinceReport: number | null;
  notReported: boolean;
  /** The reporting flag as a code the grid and its export put in words: 'late' (older than notReportedDays), 'never', or null. */
  reportFlag: ReportFlag | null;
}

export type ReportFlag = 'late' | 'never';
/** The partner's channel flags as codes, space-separated in this order ('crossTerritory belowFloor stuffing'), or null. */
export type ChannelFlags = string | null;

/** A partner's measures for the page: the grid's partner level, 窜货 / 控价 counts and the stuffing signal. */
export interface InventoryPartnerRow extends ChannelMeasures {
  partnerCode: string;
  partnerName: string;
  partnerNameEn: string | null;
  stuffing: boolean;
  daysSinceReport: number | null;
  notReported: boolean;
  reportFlag: ReportFlag | null;
  flags: ChannelFlags;
}

/** The dashboard's channel measures of a period over the partners that report sell-through or stock. */
export interface ChannelKpi {
  period: string;
  start: string;
  end: string;
  partners: number;
  sellInQuantity: number;
  sellThroughQuantity: number;
  /** Σ sell-through ÷ Σ sell-in over the partners whose rate can be measured. */
  sellThroughRate: number | null;
  /** Σ closing stock ÷ (Σ sell-through ÷ days) over the partners whose DOI can be measured. */
  daysOfInventory: number | null;
  doiLimitDays: number;
  stuffingPartners: number;
  crossTerritoryPartners: number;
  crossTerritoryLines: number;
  belowFloorPartners: number;
  belowFloorLines: number;
  notReportedPartners: number;
}

/** The measures of a group of partners (top-level territory or channel type), summed; ratios from the sums. */
export interface InventoryGroupRow {
  by: 'territory' | 'channelType';
  /** Territory code or channel type; '' for partners without a territory. */
  key: string;
  name: string | null;
  nameEn: string | null;
  partners: number;
  sellInQuantity: number;
  sellThroughQuantity: number;
  sellThroughAmountMinor: number;
  /** Σ sell-through ÷ Σ sell-in over the partners whose rate can be measured. */
  sellThroughRate: number | null;
  closingStock: number | null;
  closingStockValueMinor: number | null;
  /** Σ closing stock ÷ (Σ sell-through ÷ days) over the partners whose DOI can be measured. */
  daysOfInventory: number | null;
  locatedLines: number;
  crossTerritoryLines: number;
  crossTerritoryAmountMinor: number;
  crossTerritoryShare: number | null;
  /** Why crossTerritoryShare is null: its partners' distinct reasons, in SHARE_MISSING_REASONS order; [] when it has a value. */
  crossTerritoryShareMissing: ShareMissingReason[];
  pricedLines: number;
  belowFloorLines: number;
  belowFloorGapMinor: number;
  belowFloorShare: number | null;
  /** Why belowFloorShare is null, as crossTerritoryShareMissing. */
  belowFloorShareMissing: ShareMissingReason[];
  stuffingPartners: number;
}

export interface InventoryOverview {
  groups: InventoryGroupRow[];
  period: string;
  start: string;
  end: string;
  today: string;
  rules: InventoryRules;
  partners: InventoryPartnerRow[];
  rows: InventoryGridRow[];
}

export interface InventoryTrendPoint {
  month: string;
  /** null: a month after the workspace's latest sales line — its sales are not imported yet (not "no sales"). */
  sellInQuantity: number | null;
  /** null: no sell-through line in the month (the partner, or none of the reporting partners, reported any) — not 0. */
  sellThroughQuantity: number | null;
  /** Stock at the month's end: each partner's latest report on or before it, summed; null before any report. */
  closingStock: number | null;
}

export const EVIDENCE_KINDS = ['crossTerritory', 'belowFloor'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

const periodLabel = z
  .string()
  .max(40)
  .transform(periodFromText)
  .pipe(z.string().regex(/^(19|20|21)\d{2}(-(0[1-9]|1[0-2])|-Q[1-4]|-H[12])?$/, 'expected a period such as 2025-03, 2025-Q1, 2025-H1 or 2025'));
export const inventoryOverviewInput = z.object({ period: periodLabel, channelManagerIds: z.array(zs.id).max(1000).optional() }).strict();
export const inventoryEvidenceInput = z
  .object({ period: periodLabel, kind: z.enum(EVIDENCE_KINDS), partnerCode: z.string().trim().min(1).max(64).optional(), limit: z.number().int().min(1).max(5000).default(500) })
  .strict();
export const inventoryTrendInput = z.object({ to: periodLabel, months: z.number().int().min(1).max(60).default(12), partnerCode: z.string().trim().min(1).max(64).optional() }).strict();
