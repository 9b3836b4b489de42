import type { TFunction } from 'i18next';
import { formatMoney } from '../../../../shared/money';
import { formatDateTime } from '../../format';

/** The catalogue whose `field.*` labels name an audited record's fields (the labels its own form shows). */
const FORM_OF: Record<string, string> = {
  partner: 'partners',
  risk: 'risks',
  deal_registration: 'deals',
  incentive_program: 'incentives',
  payout_run: 'payouts',
  target_plan: 'plans',
};

/** Word catalogues of coded values, by field: status, category, treatment, channel type, tier. */
const VALUE_WORDS: Record<string, (entity: string) => string[]> = {
  status: (e) => [`${FORM_OF[e] ?? 'audit'}:status`, 'common:status', 'audit:value.status'],
  category: (e) => [`${FORM_OF[e] ?? 'audit'}:category`],
  treatment: () => ['risks:treatment'],
  source: (e) => [`${FORM_OF[e] ?? 'audit'}:source`],
  channelType: () => ['common:channelType'],
  tier: () => ['common:tier'],
  outcome: () => ['audit:outcome'],
};

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * A changed field as its form labels it ("Tier" / "等级"): the record's own form label, then the audit catalogue's
 * general field names, each also tried without a storage suffix (amountMinor → amount, partnerId → partner).
 */
export function fieldLabel(t: TFunction, entity: string | null, field: string): string {
  const bare = field.replace(/(Minor|Id|Ids)$/, '');
  const ns = entity ? FORM_OF[entity] : undefined;
  const keys = [...(ns ? [`${ns}:field.${field}`, `${ns}:field.${bare}`] : []), `audit:fieldName.${field}`, `audit:fieldName.${bare}`];
  for (const k of keys) {
    const v = t(k, { defaultValue: '' });
    if (v) return v;
  }
  return field;
}

/**
 * A stored value as a person reads it: money in yuan to the fen (fields ending in Minor), timestamps in local time,
 * yes/no, coded values (status, category, tier…) in words; lists joined; other objects as compact JSON.
 */
export function valueText(t: TFunction, entity: string | null, field: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '';
  if (typeof v === 'boolean') return t(v ? 'common:actions.yes' : 'common:actions.no');
  if (typeof v === 'number') return /Minor$/.test(field) && Number.isInteger(v) ? formatMoney(v) : String(v);
  if (typeof v === 'string') {
    if (ISO_INSTANT.test(v)) return formatDateTime(v);
    for (const catalogue of VALUE_WORDS[field]?.(entity ?? '') ?? []) {
      const w = t(`${catalogue}.${v}`, { defaultValue: '' });
      if (w) return w;
    }
    return v;
  }
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object' || x === null)) return v.map((x) => valueText(t, entity, field, x)).join(', ');
  return JSON.stringify(v);
}
