import type { Workspace } from '../../../db/database';
import { DomainError } from '../../../shared/errors';
import { formatMoney } from '../../../shared/money';
import { parsePeriod } from '../../../shared/period';
import type { MdfActivityType, MdfFundStatus } from '../../../shared/enums';
import type { MdfFundInput, MdfFundView } from '../../model/mdf';
import { fiscalStartMonth } from '../incentives/calculate';
import { fundBalance } from './balances';

export interface FundRecord {
  id: number;
  code: string;
  name: string;
  period: string;
  startsOn: string;
  endsOn: string;
  claimDeadline: string;
  budgetMinor: number;
  currency: string;
  territoryId: number | null;
  channelType: string | null;
  tier: string | null;
  partnerId: number | null;
  activityTypes: MdfActivityType[] | null;
  status: MdfFundStatus;
}

const FUND_SELECT = `select id, code, name, period, starts_on as startsOn, ends_on as endsOn, claim_deadline as claimDeadline, budget_minor as budgetMinor,
  currency, territory_id as territoryId, channel_type as channelType, tier, partner_id as partnerId, activity_types as activityTypes, status from mdf_funds`;

const parseFund = (r: (Omit<FundRecord, 'activityTypes'> & { activityTypes: string | null }) | undefined): FundRecord | undefined =>
  r && { ...r, activityTypes: r.activityTypes ? (JSON.parse(r.activityTypes) as MdfActivityType[]) : null };

export function fundRecord(ws: Workspace, ref: { fundId?: number; fundCode?: string }): FundRecord {
  if (ref.fundId == null && ref.fundCode == null) throw new DomainError('Name the fund (its code or id)');
  const row = ref.fundId != null ? ws.sqlite.prepare(`${FUND_SELECT} where id = ?`).get(ref.fundId) : ws.sqlite.prepare(`${FUND_SELECT} where code = ?`).get(ref.fundCode);
  const fund = parseFund(row as never);
  if (!fund) throw new DomainError(`No fund ${ref.fundCode ?? ref.fundId}`, 'NOT_FOUND');
  return fund;
}

export function partnerIdByCode(ws: Workspace, ref: { partnerId?: number | null; partnerCode?: string | null }): number {
  const row = (ref.partnerId != null
    ? ws.sqlite.prepare('select id from partners where id = ? and deleted_at is null').get(ref.partnerId)
    : ref.partnerCode != null
      ? ws.sqlite.prepare('select id from partners where code = ? and deleted_at is null').get(ref.partnerCode)
      : undefined) as { id: number } | undefined;
  if (!row) throw new DomainError(ref.partnerId == null && ref.partnerCode == null ? 'Name the partner (its code)' : `No partner ${ref.partnerCode ?? ref.partnerId}`, 'NOT_FOUND');
  return row.id;
}

/** Partners (live) the fund's scope covers: its territory with every sub-territory, channel type, tier, one partner. */
export function partnersInScope(ws: Workspace, fund: FundRecord): number[] {
  return ws.sqlite
    .prepare(
      `select p.id from partners p where p.deleted_at is null
        and (:territory is null or p.territory_id in (with recursive t(id) as (select :territory union all select c.id from territories c join t on c.parent_id = t.id) select id from t))
        and (:channel is null or p.channel_type = :channel) and (:tier is null or p.tier = :tier) and (:partner is null or p.id = :partner)
       order by p.code`,
    )
    .pluck()
    .all({ territory: fund.territoryId, channel: fund.channelType, tier: fund.tier, partner: fund.partnerId }) as number[];
}

export function inScope(ws: Workspace, fund: FundRecord, partnerId: number): boolean {
  return partnersInScope(ws, fund).includes(partnerId);
}

export function addFund(ws: Workspace, user: string, input: MdfFundInput): FundRecord {
  if (ws.sqlite.prepare('select 1 from mdf_funds where code = ?').get(input.code)) throw new DomainError(`A fund ${input.code} already exists`, 'CONFLICT');
  const period = parsePeriod(input.period, fiscalStartMonth(ws));
  let territoryId: number | null = null;
  if (input.territory) {
    const t = ws.sqlite.prepare('select id from territories where code = ? or name_zh = ? or name_en = ?').get(input.territory, input.territory, input.territory) as { id: number } | undefined;
    if (!t) throw new DomainError(`No territory ${input.territory}`, 'NOT_FOUND');
    territoryId = t.id;
  }
  const partnerId = input.partnerCode ? partnerIdByCode(ws, { partnerCode: input.partnerCode }) : null;
  const claimDeadline = input.claimDeadline ?? period.end;
  if (claimDeadline < period.start) throw new DomainError(`The claim deadline ${claimDeadline} is before the fund's period starts (${period.start})`);
  const types = input.activityTypes?.length ? [...new Set(input.activityTypes)] : null;
  const res = ws.sqlite
    .prepare(
      `insert into mdf_funds (code, name, period, starts_on, ends_on, claim_deadline, budget_minor, currency, territory_id, channel_type, tier, partner_id, activity_types, created_by)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(input.code, input.name, period.label, period.start, period.end, claimDeadline, input.budgetMinor, input.currency ?? 'CNY', territoryId, input.channelType ?? null, input.tier ?? null, partnerId, types && JSON.stringify(types), user);
  return fundRecord(ws, { fundId: Number(res.lastInsertRowid) });
}

export function updateFund(ws: Workspace, input: { fundId: number; name?: string; budgetMinor?: number; claimDeadline?: string; status?: MdfFundStatus }): { before: FundRecord; after: FundRecord } {
  const before = fundRecord(ws, { fundId: input.fundId });
  if (input.budgetMinor != null) {
    const b = fundBalance(ws, before.id);
    const floor = Math.max(b.approvedMinor, b.allocatedMinor);
    if (input.budgetMinor < floor) throw new DomainError(`The budget cannot go below what is already approved or allocated (${formatMoney(floor, before.currency)})`, 'CONFLICT', { floorMinor: floor });
  }
  if (input.claimDeadline != null && input.claimDeadline < before.startsOn) throw new DomainError(`The claim deadline ${input.claimDeadline} is before the fund's period starts (${before.startsOn})`);
  ws.sqlite
    .prepare(`update mdf_funds set name = coalesce(?, name), budget_minor = coalesce(?, budget_minor), claim_deadline = coalesce(?, claim_deadline), status = coalesce(?, status), updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') where id = ?`)
    .run(input.name ?? null, input.budgetMinor ?? null, input.claimDeadline ?? null, input.status ?? null, before.id);
  return { before, after: fundRecord(ws, { fundId: before.id }) };
}

export function fundView(ws: Workspace, fund: FundRecord): MdfFundView {
  const extra = ws.sqlite
    .prepare(
      `select (select code from territories where id = ?) as territoryCode, (select name_zh from territories where id = ?) as territoryName,
        (select code from partners where id = ?) as partnerCode, (select name from partners where id = ?) as partnerName`,
    )
    .get(fund.territoryId, fund.territoryId, fund.partnerId, fund.partnerId) as { territoryCode: string | null; territoryName: string | null; partnerCode: string | null; partnerName: string | null };
  const { id, code, name, period, startsOn, endsOn, claimDeadline, currency, channelType, tier, activityTypes, status } = fund;
  return { id, code, name, period, startsOn, endsOn, claimDeadline, currency, channelType, tier, activityTypes, status, ...extra, balance: fundBalance(ws, fund.id) };
}

export function listFunds(ws: Workspace, filter: { period?: string; status?: MdfFundStatus } = {}): MdfFundView[] {
  const rows = (ws.sqlite.prepare(`${FUND_SELECT} where (? is null or period = ?) and (? is null or status = ?) order by starts_on desc, code`).all(filter.period ?? null, filter.period ?? null, filter.status ?? null, filter.status ?? null) as never[]).map((r) => parseFund(r)!);
  return rows.map((f) => fundView(ws, f));
}
