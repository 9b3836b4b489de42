import { z } from 'zod';
import { REVIEW_ACTION_STATUSES, TIERS, type ReviewActionStatus } from '../../shared/enums';
import { zs } from '../../shared/fields';

export { REVIEW_ACTION_STATUSES, type ReviewActionStatus };

/** An action item as the meeting form and the CLI enter it; `id` keeps an existing item when the list is saved again. */
export const reviewActionInput = z
  .object({
    id: zs.id.optional(),
    description: z.string().trim().min(1).max(1000),
    owner: z.string().trim().max(200).nullable().optional(),
    dueOn: zs.isoDate.nullable().optional(),
    status: z.enum(REVIEW_ACTION_STATUSES).optional(),
    note: z.string().trim().max(1000).nullable().optional(),
  })
  .strict();
export type ReviewActionInput = z.output<typeof reviewActionInput>;

/** A review meeting: which partner and period, when, who was there, minutes, decisions and action items. */
export const reviewMeetingInput = z
  .object({
    id: zs.id.optional(),
    partnerId: zs.id,
    period: zs.period,
    heldOn: zs.isoDate,
    attendees: z.array(z.string().trim().min(1).max(200)).max(100).default([]),
    minutes: z.string().max(20_000).nullable().optional(),
    decisions: z.array(z.string().trim().min(1).max(1000)).max(100).default([]),
    /** The full list: items left out are removed, items with an id are updated. */
    actions: z.array(reviewActionInput).max(200).default([]),
  })
  .strict();
export type ReviewMeetingInput = z.output<typeof reviewMeetingInput>;

export interface ReviewAction {
  id: number;
  meetingId: number;
  partnerId: number;
  partnerCode: string;
  partnerName: string;
  /** The period of the meeting that agreed it. */
  period: string;
  heldOn: string;
  description: string;
  owner: string | null;
  dueOn: string | null;
  status: ReviewActionStatus;
  closedOn: string | null;
  note: string | null;
  /** Open or in progress and past its due date (local day of the workspace clock). */
  overdue: boolean;
  daysOverdue: number;
}

export interface ReviewMeeting {
  id: number;
  partnerId: number;
  partnerCode: string;
  partnerName: string;
  period: string;
  heldOn: string;
  attendees: string[];
  minutes: string | null;
  decisions: string[];
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  actions: ReviewAction[];
}

export const reviewMeetingListInput = z
  .object({
    partnerId: zs.id.optional(),
    partnerCode: zs.code.optional(),
    period: zs.period.optional(),
  })
  .strict();
export type ReviewMeetingFilter = z.output<typeof reviewMeetingListInput>;

export const openReviewActionsInput = z
  .object({
    partnerId: zs.id.optional(),
    /** Only actions past their due date. */
    overdueOnly: z.boolean().optional(),
    asOf: zs.isoDate.optional(),
  })
  .strict();

export const REVIEW_PACK_LANGUAGES = ['zh-CN', 'en'] as const;
export type ReviewPackLanguage = (typeof REVIEW_PACK_LANGUAGES)[number];

/** Review packs: one partner, or every live partner of a tier and/or territory (with descendants). */
export const reviewExportInput = z
  .object({
    period: zs.period,
    out: zs.filePath,
    language: z.enum(REVIEW_PACK_LANGUAGES).optional(),
    partnerCodes: z.array(zs.code).max(100_000).optional(),
    tiers: z.array(z.enum(TIERS)).max(TIERS.length).optional(),
    /** A territory code or exact name; its sub-territories are included. */
    territory: z.string().trim().min(1).max(100).optional(),
  })
  .strict();
export type ReviewExportInput = z.output<typeof reviewExportInput>;

export interface ReviewPackFile {
  partnerCode: string;
  partnerName: string;
  file: string;
  bytes: number;
  pages: number;
}
export interface ReviewExportResult {
  period: string;
  language: ReviewPackLanguage;
  dir: string;
  files: string[];
  packs: ReviewPackFile[];
}
