import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Product } from '../../../../electron/contract/products';
import { useAmountReader } from '../../amountInput';
import { useMutationOp, useOp } from '../../api/hooks';
import { HqBadge, useHqPricesReadOnlyReason, useHqReadOnlyReason } from '../../components/HqBadge';
import { TextField } from '../../components/TextField';
import { formatMoney } from '../../format';
import { useToday } from '../../today';
import { SettingsForm, SettingsSection, SettingsTable, type SettingsColumn } from './SettingsSection';

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
  const pricesReason = (p: Product) => (p.hqPrices && p.hqVersion != null ? hqPricesReason(p.code, p.hqVersion) : undefined);
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

  const columns: SettingsColumn<Product>[] = [
    { header: t('settings:products.code'), cell: (p) => p.code },
    { header: t('settings:products.name'), cell: (p) => <>{(en && p.nameEn) || p.nameZh}{!p.active && ` (${t('settings:products.inactive')})`}</> },
    { header: t('settings:products.productLine'), cell: (p) => p.productLine },
    { header: t('settings:products.unit'), cell: (p) => p.unit },
    { header: t('settings:products.source'), cell: (p) => (p.hqVersion != null ? <HqBadge kind="product" code={p.code} version={p.hqVersion} /> : <span className="muted">{t('settings:products.local')}</span>) },
    { header: t('settings:products.floorPrice'), cell: (p) => { const now = priceOn(p, today); return money(now?.floorPriceMinor, now?.currency); }, testId: (p) => `product-floor-${p.code}` },
    { header: t('settings:products.listPrice'), cell: (p) => { const now = priceOn(p, today); return money(now?.listPriceMinor, now?.currency); }, testId: (p) => `product-list-${p.code}` },
    {
      header: t('settings:products.prices'),
      cell: (p) => (
        <span className="muted" title={pricesReason(p)}>
          {pricesReason(p) && <span className="hq-badge" data-testid={`product-hq-prices-${p.code}`}>{t('settings:products.hqPrices')}</span>}{' '}
          {p.prices.map((x) => t('settings:products.period', { from: x.validFrom, to: x.validTo ?? t('settings:products.open'), floor: money(x.floorPriceMinor, x.currency), list: money(x.listPriceMinor, x.currency) })).join(t('common:validation.separator'))}
        </span>
      ),
      testId: (p) => `product-prices-${p.code}`,
    },
    {
      header: '',
      cell: (p) => (
        <>
          <span title={p.hqVersion != null ? hqReason('product', p.code, p.hqVersion) : undefined}>
            <button className="link" disabled={p.hqVersion != null} onClick={() => open(p)} data-testid={`product-edit-${p.code}`}>
              {t('common:actions.edit')}
            </button>
          </span>{' '}
          <span title={pricesReason(p)}>
            <button className="link" disabled={pricesReason(p) !== undefined} onClick={() => openPrice(p)} data-testid={`product-price-${p.code}`}>
              {t('settings:products.setPrice')}
            </button>
          </span>
        </>
      ),
    },
  ];

  return (
    <SettingsSection
      testId="settings-products"
      title={t('settings:products.title')}
      intro={t('settings:products.intro')}
      add={{ label: t('settings:products.add'), testId: 'product-new', onClick: () => open('new') }}
      error={list.error ?? create.error ?? update.error ?? setPrice.error}
      form={
        <>
          {editing && (
            <SettingsForm testId="product-form" saveTestId="product-save" canSave={Object.keys(errs).length === 0} onSave={save} onCancel={() => setEditing(null)}>
              <TextField label={t('settings:products.code')} value={form.code} onChange={(code) => setForm({ ...form, code })} error={errs.code} testId="product-code" />
              <TextField label={t('settings:products.nameZh')} value={form.nameZh} onChange={(nameZh) => setForm({ ...form, nameZh })} error={errs.nameZh} testId="product-name-zh" />
              <TextField label={t('settings:products.nameEn')} value={form.nameEn} onChange={(nameEn) => setForm({ ...form, nameEn })} testId="product-name-en" />
              <TextField label={t('settings:products.productLine')} value={form.productLine} onChange={(productLine) => setForm({ ...form, productLine })} testId="product-line" />
              <TextField label={t('settings:products.unit')} value={form.unit} onChange={(unit) => setForm({ ...form, unit })} testId="product-unit" />
              <label className="inline">
                <input type="checkbox" checked={form.active} onChange={(e) => setForm({ ...form, active: e.target.checked })} data-testid="product-active" /> {t('settings:products.active')}
              </label>
            </SettingsForm>
          )}
          {pricing && (
            <SettingsForm testId="product-price-form" saveTestId="price-save" canSave={Object.keys(priceErrs).length === 0} onSave={savePrice} onCancel={() => setPricing(null)}>
              <p className="span2">{t('settings:products.priceFor', { code: pricing.code, name: (en && pricing.nameEn) || pricing.nameZh })}</p>
              <TextField label={t('settings:products.validFrom')} value={price.validFrom} onChange={(validFrom) => setPriceForm({ ...price, validFrom })} error={priceErrs.validFrom} placeholder="2025-01-01" testId="price-from" />
              <TextField label={t('settings:products.validTo')} value={price.validTo} onChange={(validTo) => setPriceForm({ ...price, validTo })} error={priceErrs.validTo} placeholder={t('settings:products.open')} testId="price-to" />
              <TextField label={t('settings:products.floorPrice')} value={price.floor} onChange={(v) => setPriceForm({ ...price, floor: v })} error={priceErrs.floor} testId="price-floor" />
              <TextField label={t('settings:products.listPrice')} value={price.list} onChange={(v) => setPriceForm({ ...price, list: v })} error={priceErrs.list} testId="price-list" />
            </SettingsForm>
          )}
        </>
      }
    >
      <SettingsTable
        testId="products-table"
        columns={columns}
        rows={list.data}
        rowKey={(p) => p.id}
        rowTestId={(p) => `product-row-${p.code}`}
        inactive={(p) => !p.active}
        empty={<p className="muted" data-testid="products-empty">{t('settings:products.empty')}</p>}
      />
    </SettingsSection>
  );
}
