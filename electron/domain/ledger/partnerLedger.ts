import type { Workspace } from '../../../db/database';
import type { Clock } from '../../../shared/clock';
import { DomainError } from '../../../shared/errors';
import { type LedgerAccrual, type LedgerEntry } from '../../model/ledger';
import { compareEntries } from './ledgerEntry';
import { type LedgerQuery } from './ledgerEntry';
import { LEDGER_SOURCES } from './ledgerSources';
import { ledgerStore } from './store';
import { LedgerPartner, PartnerLedger, PartnerLedgerLine } from '../../model/ledger';
import { notFound } from '../../../shared/errorMessages';

export function ledgerPartner(ws: Workspace, ref: { partnerId?: number; partnerCode?: string }): LedgerPartner {
  const p = ref.partnerId != null ? ledgerStore.partner(ws, { id: ref.partnerId }) : ref.partnerCode != null ? ledgerStore.partner(ws, { code: ref.partnerCode }) : undefined;
  if (!p) throw new DomainError(`No partner ${ref.partnerCode ?? ref.partnerId}`, 'NOT_FOUND', notFound('partner', ref.partnerCode ?? ref.partnerId));
  return p;
}

/** Every source's entries and accruals for the query, entries in ledger order. */
export function collectEntries(ws: Workspace, q: LedgerQuery): { entries: LedgerEntry[]; accruals: LedgerAccrual[] } {
  const entries = LEDGER_SOURCES.flatMap((s) => s.entries(ws, q)).sort(compareEntries);
  const accruals = LEDGER_SOURCES.flatMap((s) => s.accruals(ws, q)).sort((a, b) => a.date.localeCompare(b.date) || a.source.id - b.source.id);
  return { entries, accruals };
}

/**
 * One partner's ledger in its currency for a range of local days: opening balance, every entry with the running
 * balance, closing balance, and what is accrued (calculated, not yet approved) at the end of the range.
 */
export function partnerLedger(ws: Workspace, input: { partnerId?: number; partnerCode?: string; from?: string; to?: string }, clock: Clock): PartnerLedger {
  const partner = ledgerPartner(ws, input);
  const from = input.from ?? null;
  const to = input.to ?? null;
  if (from && to && from > to) throw new DomainError(`The range starts (${from}) after it ends (${to})`, 'DOMAIN', { reason: 'ledgerRangeReversed', params: { from, to } });
  const all = collectEntries(ws, { partnerIds: [partner.id], asOf: to ?? undefined, clock });
  const currencies = new Set([...all.entries.map((e) => e.currency), ...all.accruals.map((a) => a.currency)]);
  currencies.delete(partner.currency);
  if (currencies.size) {
    // Programs pay in the partner's currency; a partner whose currency changed has history in another one.
    throw new DomainError(`Partner ${partner.code} has ledger entries in ${[...currencies].join(', ')} besides ${partner.currency}: the ledger is kept per currency`, 'CONFLICT', {
      currencies: [...currencies],
      reason: 'ledgerMixedCurrencies',
      params: { code: partner.code, currency: partner.currency, currencies: [...currencies] },
    });
  }
  let opening = 0;
  const entries: PartnerLedgerLine[] = [];
  for (const e of all.entries) {
    if (from && e.date < from) opening += e.amountMinor;
  }
  let balance = opening;
  for (const e of all.entries) {
    if (from && e.date < from) continue;
    balance += e.amountMinor;
    entries.push({ ...e, balanceMinor: balance });
  }
  const accruals = all.accruals;
  return { partner, currency: partner.currency, from, to, openingMinor: opening, entries, closingMinor: balance, accruedMinor: accruals.reduce((s, a) => s + a.amountMinor, 0), accruals };
}

/** Partners whose balance at `asOf` (or now) is not zero, by code. */
export function partnersWithBalance(ws: Workspace, clock: Clock, asOf?: string): number[] {
  const sums = new Map<number, number>();
  for (const e of collectEntries(ws, { asOf, clock }).entries) sums.set(e.partnerId, (sums.get(e.partnerId) ?? 0) + e.amountMinor);
  const ids = [...sums].filter(([, s]) => s !== 0).map(([id]) => id);
  return ledgerStore.idsByCode(ws, ids);
}
