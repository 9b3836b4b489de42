import type { Workspace } from '../../../db/database';
import { DomainError } from '../../../shared/errors';
import { formatMoney } from '../../../shared/money';
import { parsePeriod } from '../../../shared/period';
import type { MdfFundStatus } from '../../../shared/enums';
import type { MdfFundInput, MdfFundView } from '../../model/mdf';
import type { OpContext } from '../opContext';
import { fiscalStartMonth } from '../incentives/calculate';
import { fundBalance } from './balances';
import { mdfStore, type FundRecord } from './store';
import { alreadyExists, notFound } from '../../../shared/errorMessages';

export type { FundRecord };

export function fundRecord(ws: Workspace, ref: { fundId?: number; fundCode?: string }): FundRecord {
  if (ref.fundId == null && ref.fundCode == null) throw new DomainError('Name the fund (its code or id)', 'DOMAIN', { reason: 'mdfFundUnnamed', params: {} });
  const fund = ref.fundId != null ? mdfStore.fundById(ws, ref.fundId) : mdfStore.fundByCode(ws, ref.fundCode!);
  if (!fund) throw new DomainError(`No fund ${ref.fundCode ?? ref.fundId}`, 'NOT_FOUND', notFound('fund', ref.fundCode ?? ref.fundId));
  return fund;
}

export function partnerIdByCode(ws: Workspace, ref: { partnerId?: number | null; partnerCode?: string | null }): number {
  const id = ref.partnerId != null ? mdfStore.livePartnerId(ws, { id: ref.partnerId }) : ref.partnerCode != null ? mdfStore.livePartnerId(ws, { code: ref.partnerCode }) : undefined;
  if (id == null) throw new DomainError(ref.partnerId == null && ref.partnerCode == null ? 'Name the partner (its code)' : `No partner ${ref.partnerCode ?? ref.partnerId}`, 'NOT_FOUND', notFound('partner', ref.partnerCode ?? ref.partnerId));
  return id;
}

/** Partners (live) the fund's scope covers: its territory with every sub-territory, channel type, tier, one partner. */
export function partnersInScope(ws: Workspace, fund: FundRecord): number[] {
  return mdfStore.partnersInScope(ws, fund);
}

export function inScope(ws: Workspace, fund: FundRecord, partnerId: number): boolean {
  return partnersInScope(ws, fund).includes(partnerId);
}

/** Opens a fund (audited under the operation). */
export function addFund(ctx: OpContext, input: MdfFundInput): FundRecord {
  const { ws } = ctx;
  if (mdfStore.fundByCode(ws, input.code)) throw new DomainError(`A fund ${input.code} already exists`, 'CONFLICT', alreadyExists('fund', input.code));
  const period = parsePeriod(input.period, fiscalStartMonth(ws));
  let territoryId: number | null = null;
  if (input.territory) {
    const t = mdfStore.territoryIdByName(ws, input.territory);
    if (t == null) throw new DomainError(`No territory ${input.territory}`, 'NOT_FOUND', notFound('territory', input.territory));
    territoryId = t;
  }
  const partnerId = input.partnerCode ? partnerIdByCode(ws, { partnerCode: input.partnerCode }) : null;
  const claimDeadline = input.claimDeadline ?? period.end;
  if (claimDeadline < period.start) throw new DomainError(`The claim deadline ${claimDeadline} is before the fund's period starts (${period.start})`, 'DOMAIN', { reason: 'mdfClaimDeadlineBeforeFund', params: { claimBy: claimDeadline, startsOn: period.start } });
  const types = input.activityTypes?.length ? [...new Set(input.activityTypes)] : null;
  const id = mdfStore.insertFund(ws, {
    code: input.code,
    name: input.name,
    period: period.label,
    startsOn: period.start,
    endsOn: period.end,
    claimDeadline,
    budgetMinor: input.budgetMinor,
    currency: input.currency ?? 'CNY',
    territoryId,
    channelType: input.channelType ?? null,
    tier: input.tier ?? null,
    partnerId,
    activityTypes: types,
    createdBy: ctx.user,
  }, ctx.clock.now().toISOString());
  const fund = fundRecord(ws, { fundId: id });
  ctx.audit({ entity: 'mdf_fund', entityId: fund.id, after: fund });
  return fund;
}

/** Renames a fund, or changes its budget (never below what is approved or allocated), claim deadline or status. */
export function updateFund(ctx: OpContext, input: { fundId: number; name?: string; budgetMinor?: number; claimDeadline?: string; status?: MdfFundStatus }): FundRecord {
  const { ws } = ctx;
  const before = fundRecord(ws, { fundId: input.fundId });
  if (input.budgetMinor != null) {
    const b = fundBalance(ws, before.id);
    const floor = Math.max(b.approvedMinor, b.allocatedMinor);
    if (input.budgetMinor < floor) throw new DomainError(`The budget cannot go below what is already approved or allocated (${formatMoney(floor, before.currency)})`, 'CONFLICT', { floorMinor: floor, reason: 'mdfBudgetBelowCommitted', params: { fundCode: before.code, floorMinor: floor, currency: before.currency } });
  }
  if (input.claimDeadline != null && input.claimDeadline < before.startsOn) throw new DomainError(`The claim deadline ${input.claimDeadline} is before the fund's period starts (${before.startsOn})`, 'DOMAIN', { reason: 'mdfClaimDeadlineBeforeFund', params: { claimBy: input.claimDeadline, startsOn: before.startsOn } });
  mdfStore.updateFund(ws, before.id, {
    ...(input.name != null && { name: input.name }),
    ...(input.budgetMinor != null && { budgetMinor: input.budgetMinor }),
    ...(input.claimDeadline != null && { claimDeadline: input.claimDeadline }),
    ...(input.status != null && { status: input.status }),
  }, ctx.clock.now().toISOString());
  const after = fundRecord(ws, { fundId: before.id });
  ctx.audit({ entity: 'mdf_fund', entityId: after.id, before, after });
  return after;
}

export function fundView(ws: Workspace, fund: FundRecord): MdfFundView {
  const territory = fund.territoryId != null ? mdfStore.territoryLabel(ws, fund.territoryId) : undefined;
  const partner = fund.partnerId != null ? mdfStore.partnerLabel(ws, fund.partnerId) : undefined;
  const extra = { territoryCode: territory?.code ?? null, territoryName: territory?.name ?? null, partnerCode: partner?.code ?? null, partnerName: partner?.name ?? null };
  const { id, code, name, period, startsOn, endsOn, claimDeadline, currency, channelType, tier, activityTypes, status } = fund;
  return { id, code, name, period, startsOn, endsOn, claimDeadline, currency, channelType, tier, activityTypes, status, ...extra, balance: fundBalance(ws, fund.id) };
}

export function listFunds(ws: Workspace, filter: { period?: string; status?: MdfFundStatus } = {}): MdfFundView[] {
  return mdfStore.funds(ws, filter).map((f) => fundView(ws, f));
}
