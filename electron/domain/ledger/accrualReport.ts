import type { Workspace } from '../../../db/database';
import { daysBetween, type Clock } from '../../../shared/clock';
import { collectEntries } from './partnerLedger';
import { ledgerStore } from './store';
import { AccrualReport, AccrualRow } from '../../model/ledger';
import { AGEING_BUCKETS, AgeingBucket, AccrualFigures } from '../../model/ledger';

export function ageingBucket(days: number): AgeingBucket {
  return days <= 30 ? 'd0_30' : days <= 60 ? 'd31_60' : days <= 90 ? 'd61_90' : 'd90_plus';
}

const emptyFigures = (): AccrualFigures => ({ accruedMinor: 0, approvedUnpaidMinor: 0, paidMinor: 0, ageing: { d0_30: 0, d31_60: 0, d61_90: 0, d90_plus: 0 } });

function add(into: AccrualFigures, f: AccrualFigures) {
  into.accruedMinor += f.accruedMinor;
  into.approvedUnpaidMinor += f.approvedUnpaidMinor;
  into.paidMinor += f.paidMinor;
  for (const b of AGEING_BUCKETS) into.ageing[b] += f.ageing[b];
}

/**
 * Finance's accrual report as of a local day, from the same entries as the ledger: per (program, partner) what is
 * accrued, approved and unpaid (aged by days since its approval) and paid; per partner; totals per currency.
 */
export function accrualReport(ws: Workspace, asOf: string, clock: Clock): AccrualReport {
  const { entries, accruals } = collectEntries(ws, { asOf, clock });
  const keyed = new Map<string, AccrualFigures & { programCode: string | null; partnerId: number; currency: string }>();
  const row = (programCode: string | null, partnerId: number, currency: string) => {
    const k = `${programCode}\u0000${partnerId}\u0000${currency}`;
    let r = keyed.get(k);
    if (!r) keyed.set(k, (r = { programCode, partnerId, currency, ...emptyFigures() }));
    return r;
  };
  for (const a of accruals) row(a.programCode, a.partnerId, a.currency).accruedMinor += a.amountMinor;
  // Group postings by the record they settle (a run for a partner): what is still open is aged from its approval day.
  const open = new Map<string, { programCode: string | null; partnerId: number; currency: string; postedOn: string; amountMinor: number; settled: boolean }>();
  for (const e of entries) {
    const k = `${e.source.type}:${e.source.id}:${e.partnerId}`;
    let o = open.get(k);
    if (!o) open.set(k, (o = { programCode: e.programCode, partnerId: e.partnerId, currency: e.currency, postedOn: e.date, amountMinor: 0, settled: false }));
    if (e.kind === 'paid') {
      row(e.programCode, e.partnerId, e.currency).paidMinor += -e.amountMinor;
      o.settled = true;
    } else if (e.kind === 'void') o.settled = true;
    else o.amountMinor += e.amountMinor;
  }
  for (const o of open.values()) {
    if (o.settled || o.amountMinor === 0) continue;
    const r = row(o.programCode, o.partnerId, o.currency);
    r.approvedUnpaidMinor += o.amountMinor;
    r.ageing[ageingBucket(daysBetween(o.postedOn, asOf))] += o.amountMinor;
  }
  const ids = [...new Set([...keyed.values()].map((r) => r.partnerId))];
  const names = new Map(ledgerStore.partnerNames(ws, ids).map((p) => [p.id, p]));
  const named = (r: AccrualFigures & { programCode: string | null; partnerId: number; currency: string }): AccrualRow => {
    const p = names.get(r.partnerId);
    return { ...r, partnerCode: p?.code ?? String(r.partnerId), partnerName: p?.name ?? '', partnerNameEn: p?.nameEn ?? null };
  };
  const rows = [...keyed.values()]
    .filter((r) => r.accruedMinor || r.approvedUnpaidMinor || r.paidMinor)
    .map(named)
    .sort((a, b) => (a.programCode ?? '').localeCompare(b.programCode ?? '') || a.partnerCode.localeCompare(b.partnerCode) || a.currency.localeCompare(b.currency));
  const perPartner = new Map<string, AccrualRow>();
  const perCurrency = new Map<string, AccrualFigures & { currency: string }>();
  for (const r of rows) {
    const k = `${r.partnerId}\u0000${r.currency}`;
    if (!perPartner.has(k)) perPartner.set(k, { ...r, programCode: null, ...emptyFigures() });
    add(perPartner.get(k)!, r);
    if (!perCurrency.has(r.currency)) perCurrency.set(r.currency, { currency: r.currency, ...emptyFigures() });
    add(perCurrency.get(r.currency)!, r);
  }
  return {
    asOf,
    rows,
    partners: [...perPartner.values()].sort((a, b) => a.partnerCode.localeCompare(b.partnerCode)),
    totals: [...perCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
  };
}
