import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Product } from '../../../../electron/contract/products';
import { useAmountReader } from '../../amountInput';
import { useMutationOp, useOp } from '../../api/hooks';
import { ErrorBanner } from '../../components/ErrorBanner';
import { HqBadge, useHqPricesReadOnlyReason, useHqReadOnlyReason } from '../../components/HqBadge';
import { TextField } from '../../components/TextField';
import { formatMoney } from '../../format';
import { useToday } from '../../today';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const EMPTY = { code: '', nameZh: '', nameEn: '', productLine: '', unit: '', active: true };

/** The price period in force on `day` (newest first), else the newest one. */
function priceOn(p: Product, day: string) {
  return p.prices.find((x) => x.validFrom <= day && (x.validTo === null || x.validTo >= day)) ?? null;
}

/**
 * Settings → Products (产品): the company's product list that imports resolve product columns to — code, names, product
 * line, unit — with floor (控价底价) and list prices by date range. Products pulled from HQ carry the 总部 vN badge and
 * cannot be edited here (the button is disabled with the domain's refusal as its reason); their prices too when HQ
 * sends them (hqPrices: Set price disabled, the prices marked as HQ's), else the office prices them.
 */
export function ProductsSection() {
  const { t, i18n } = useTranslation(['settings', 'common']);
  const today = useToday();
  const hqReason = useHqReadOnlyReason();
  const hqPricesReason = useHqPricesReadOnlyReason();
  const readAmount = useAmountReader();
  const list = useOp('products.list', {});
  const create = useMutationOp('products.create');
  const update = useMutationOp('products.update');
  const setPrice = useMutationOp('products.setPrice');
  const [editing, setEditing] = useState<Product | 'new' | null>(null);
  const [form, setForm] = useState(EMPTY);
  const [pricing, setPricing] = useState<Product | null>(null);
  const [price, setPriceForm] = useState({ validFrom: '', validTo: '', floor: '', list: '' });
  const en = i18n.language === 'en';

  const errs: Record<string, string> = {};
  if (!form.code.trim()) errs.code = t('settings:products.required');
  if (!form.nameZh.trim()) errs.nameZh = t('settings:products.required');
  const floor = readAmount(price.floor, t('settings:products.floorPrice'));
  const listPrice = readAmount(price.list, t('settings:products.listPrice'));
  const priceErrs: Record<string, string> = {};
  if (!DAY.test(price.validFrom)) priceErrs.validFrom = t('settings:products.dayRule');
  if (price.validTo && !DAY.test(price.validTo)) priceErrs.validTo = t('settings:products.dayRule');
  else if (price.validTo && price.validTo < price.validFrom) priceErrs.validTo = t('settings:products.toBeforeFrom');
  if (floor.error) priceErrs.floor = floor.error;
  if (listPrice.error) priceErrs.list = listPrice.error;
  if (!priceErrs.floor && !priceErrs.list && floor.minor === null && listPrice.minor === null) priceErrs.floor = t('settings:products.onePrice');

  const open = (p: Product | 'new') => {
    create.reset();
    update.reset();
    setPricing(null);
    setEditing(p);
    setForm(p === 'new' ? EMPTY : { code: p.code, nameZh: p.nameZh, nameEn: p.nameEn ?? '', productLine: p.productLine ?? '', unit: p.unit ?? '', active: p.active });
  };
  const openPrice = (p: Product) => {
    setPrice.reset();
    setEditing(null);
    setPricing(p);
    setPriceForm({ validFrom: today ?? '', validTo: '', floor: '', list: '' });
  };
  const save = () => {
    if (Object.keys(errs).length || !editing) return;
    const fields = { code: form.code.trim(), nameZh: form.nameZh.trim(), nameEn: form.nameEn.trim() || null, productLine: form.productLine.trim() || null, unit: form.unit.trim() || null, active: form.active };
    if (editing === 'new') create.mutate(fields, { onSuccess: () => setEditing(null) });
    else update.mutate({ id: editing.id, patch: fields }, { onSuccess: () => setEditing(null) });
  };
  const savePrice = () => {
    if (Object.keys(priceErrs).length || !pricing) return;
    setPrice.mutate(
      { productId: pricing.id, validFrom: price.validFrom, validTo: price.validTo || null, floorPriceMinor: floor.minor, listPriceMinor: listPrice.minor },
      { onSuccess: () => setPricing(null) },
    );
  };
  const money = (minor: number | null | undefined, currency?: string) => (minor == null ? '—' : formatMoney(minor, currency));

  return (
    <section data-testid="settings-products">
      <h2>{t('settings:products.title')}</h2>
      <p className="muted">{t('settings:products.intro')}</p>
      <ErrorBanner error={list.error ?? create.error ?? update.error ?? setPrice.error} />
      {list.data && list.data.length === 0 && <p className="muted" data-testid="products-empty">{t('settings:products.empty')}</p>}
      {list.data && list.data.length > 0 && (
        <table className="compare-table" data-testid="products-table">
          <thead>
            <tr>
              <th>{t('settings:products.code')}</th>
              <th>{t('settings:products.name')}</th>
              <th>{t('settings:products.productLine')}</th>
              <th>{t('settings:products.unit')}</th>
              <th>{t('settings:products.source')}</th>
              <th>{t('settings:products.floorPrice')}</th>
              <th>{t('settings:products.listPrice')}</th>
              <th>{t('settings:products.prices')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.data.map((p) => {
              const now = today ? priceOn(p, today) : null;
              const reason = p.hqVersion != null ? hqReason('product', p.code, p.hqVersion) : undefined;
              const pricesReason = p.hqPrices && p.hqVersion != null ? hqPricesReason(p.code, p.hqVersion) : undefined;
              return (
                <tr key={p.id} className={p.active ? undefined : 'muted'} data-testid={`product-row-${p.code}`}>
                  <td>{p.code}</td>
                  <td>
                    {(en && p.nameEn) || p.nameZh}
                    {!p.active && ` (${t('settings:products.inactive')})`}
                  </td>
                  <td>{p.productLine}</td>
                  <td>{p.unit}</td>
                  <td>{p.hqVersion != null ? <HqBadge kind="product" code={p.code} version={p.hqVersion} /> : <span className="muted">{t('settings:products.local')}</span>}</td>
                  <td data-testid={`product-floor-${p.code}`}>{money(now?.floorPriceMinor, now?.currency)}</td>
                  <td data-testid={`product-list-${p.code}`}>{money(now?.listPriceMinor, now?.currency)}</td>
                  <td className="muted" data-testid={`product-prices-${p.code}`} title={pricesReason}>
                    {pricesReason && <span className="hq-badge" data-testid={`product-hq-prices-${p.code}`}>{t('settings:products.hqPrices')}</span>}{' '}
                    {p.prices.map((x) => t('settings:products.period', { from: x.validFrom, to: x.validTo ?? t('settings:products.open'), floor: money(x.floorPriceMinor, x.currency), list: money(x.listPriceMinor, x.currency) })).join('；')}
                  </td>
                  <td>
                    <span title={reason}>
                      <button className="link" disabled={p.hqVersion != null} onClick={() => open(p)} data-testid={`product-edit-${p.code}`}>
                        {t('common:actions.edit')}
                      </button>
                    </span>{' '}
                    <span title={pricesReason}>
                      <button className="link" disabled={pricesReason !== undefined} onClick={() => openPrice(p)} data-testid={`product-price-${p.code}`}>
                        {t('settings:products.setPrice')}
                      </button>
                    </span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <div className="actions">
        <button className="primary" onClick={() => open('new')} data-testid="product-new">
          {t('settings:products.add')}
        </button>
      </div>
      {editing && (
        <form noValidate onSubmit={(e) => { e.preventDefault(); save(); }} className="form-grid" data-testid="product-form" style={{ marginTop: 12 }}>
          <TextField label={t('settings:products.code')} value={form.code} onChange={(code) => setForm({ ...form, code })} error={errs.code} testId="product-code" />
          <TextField label={t('settings:products.nameZh')} value={form.nameZh} onChange={(nameZh) => setForm({ ...form, nameZh })} error={errs.nameZh} testId="product-name-zh" />
          <TextField label={t('settings:products.nameEn')} value={form.nameEn} onChange={(nameEn) => setForm({ ...form, nameEn })} testId="product-name-en" />
          <TextField label={t('settings:products.productLine')} value={form.productLine} onChange={(productLine) => setForm({ ...form, productLine })} testId="product-line" />
          <TextField label={t('settings:products.unit')} value={form.unit} onChange={(unit) => setForm({ ...form, unit })} testId="product-unit" />
          <label className="inline">
            <input type="checkbox" checked={form.active} onChange={(e) => setForm({ ...form, active: e.target.checked })} data-testid="product-active" /> {t('settings:products.active')}
          </label>
          <div className="actions span2">
            <button type="submit" className="primary" disabled={Object.keys(errs).length > 0} data-testid="product-save">
              {t('common:actions.save')}
            </button>
            <button type="button" onClick={() => setEditing(null)}>{t('common:actions.cancel')}</button>
          </div>
        </form>
      )}
      {pricing && (
        <form noValidate onSubmit={(e) => { e.preventDefault(); savePrice(); }} className="form-grid" data-testid="product-price-form" style={{ marginTop: 12 }}>
          <p className="span2">{t('settings:products.priceFor', { code: pricing.code, name: (en && pricing.nameEn) || pricing.nameZh })}</p>
          <TextField label={t('settings:products.validFrom')} value={price.validFrom} onChange={(validFrom) => setPriceForm({ ...price, validFrom })} error={priceErrs.validFrom} placeholder="2025-01-01" testId="price-from" />
          <TextField label={t('settings:products.validTo')} value={price.validTo} onChange={(validTo) => setPriceForm({ ...price, validTo })} error={priceErrs.validTo} placeholder={t('settings:products.open')} testId="price-to" />
          <TextField label={t('settings:products.floorPrice')} value={price.floor} onChange={(v) => setPriceForm({ ...price, floor: v })} error={priceErrs.floor} testId="price-floor" />
          <TextField label={t('settings:products.listPrice')} value={price.list} onChange={(v) => setPriceForm({ ...price, list: v })} error={priceErrs.list} testId="price-list" />
          <div className="actions span2">
            <button type="submit" className="primary" disabled={Object.keys(priceErrs).length > 0} data-testid="price-save">
              {t('common:actions.save')}
            </button>
            <button type="button" onClick={() => setPricing(null)}>{t('common:actions.cancel')}</button>
          </div>
        </form>
      )}
    </section>
  );
}
