import type { ColDef } from 'ag-grid-community';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CUSTOMER_SEGMENTS, type CustomerRfm, type LapsedCustomer } from '../../../../electron/contract/inventory';
import { useOp } from '../../api/hooks';
import { DataGrid } from '../../components/DataGrid';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatMoney } from '../../format';
import { addDays, addMonthsClamped } from '../../../../shared/period';
import { useToday } from '../../today';
import { CustomerCohorts } from './CustomerCohorts';

/** The partner page's End customers section: segments, each customer's RFM, and the win-back list (as of today, 12 months). */
export function PartnerCustomersSection({ partnerCode }: { partnerCode: string }) {
  const { t } = useTranslation(['inventory', 'common']);
  const today = useToday();
  const rfm = useOp('inventory.customers.rfm', { partnerCode, windowMonths: 12, asOf: today }, { retry: false });
  const lapsed = useOp('inventory.customers.lapsed', { partnerCode, windowMonths: 12, asOf: today }, { retry: false });
  const segments = useMemo(() => {
    const out = new Map<string, { n: number; amount: number }>();
    for (const c of rfm.data ?? []) {
      const s = out.get(c.segment) ?? { n: 0, amount: 0 };
      s.n++;
      s.amount += c.monetaryMinor;
      out.set(c.segment, s);
    }
    return out;
  }, [rfm.data]);
  const rfmColumns = useMemo<ColDef<CustomerRfm>[]>(
    () => [
      { field: 'customerRef', headerName: t('inventory:col.customer'), width: 130 },
      { field: 'customerName', headerName: t('inventory:col.customerName'), width: 170 },
      { field: 'segment', headerName: t('inventory:customers.segment'), width: 120, valueFormatter: (p) => t(`inventory:segment.${p.value}`) },
      { field: 'recencyDays', headerName: t('inventory:customers.recency'), width: 110, type: 'rightAligned' },
      { field: 'frequency', headerName: t('inventory:customers.frequency'), width: 100, type: 'rightAligned' },
      // Biggest customers first, as a channel manager reads the list.
      { field: 'monetaryMinor', headerName: t('inventory:customers.monetary'), width: 130, type: 'rightAligned', sort: 'desc', valueFormatter: (p) => formatMoney(p.value ?? 0) },
      { field: 'r', headerName: 'R', width: 60, type: 'rightAligned' },
      { field: 'f', headerName: 'F', width: 60, type: 'rightAligned' },
      { field: 'm', headerName: 'M', width: 60, type: 'rightAligned' },
      { field: 'lastPurchaseOn', headerName: t('inventory:customers.lastPurchase'), width: 120 },
    ],
    [t],
  );
  const lapsedColumns = useMemo<ColDef<LapsedCustomer>[]>(
    () => [
      { field: 'customerRef', headerName: t('inventory:col.customer'), width: 130 },
      { field: 'customerName', headerName: t('inventory:col.customerName'), width: 170 },
      { field: 'customerProvince', headerName: t('inventory:col.customerProvince'), width: 120 },
      { field: 'lastPurchaseOn', headerName: t('inventory:customers.lastPurchase'), width: 120 },
      { field: 'previousOrders', headerName: t('inventory:customers.previousOrders'), width: 120, type: 'rightAligned' },
      { field: 'previousAmountMinor', headerName: t('inventory:customers.previousAmount'), width: 140, type: 'rightAligned', valueFormatter: (p) => formatMoney(p.value ?? 0) },
    ],
    [t],
  );
  return (
    <section data-testid="partner-customers">
      <h2>{t('inventory:customers.title')}</h2>
      <ErrorBanner error={rfm.error ?? lapsed.error} />
      {rfm.data && rfm.data.length === 0 ? (
        <p className="muted">{t('inventory:customers.none')}</p>
      ) : (
        <>
          {/* The six segments side by side: the amount under the name keeps each card narrow. */}
          <div className="cards" style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(140px, 1fr))' }}>
            {CUSTOMER_SEGMENTS.map((s) => (
              <div className="card" key={s} data-testid={`segment-${s}`} style={{ minWidth: 0 }}>
                <div className="card-value">{segments.get(s)?.n ?? 0}</div>
                <div className="card-label">{t(`inventory:segment.${s}`)}</div>
                <div className="card-label">{formatMoney(segments.get(s)?.amount ?? 0)}</div>
              </div>
            ))}
          </div>
          <p className="muted">{t('inventory:customers.rules')}</p>
          <DataGrid
            stateKey="partner.customers.rfm"
            testId="partner-customers-grid"
            rows={rfm.data}
            columns={rfmColumns}
            height={300}
            getRowId={(r) => r.customerRef}
            exportAs={{ grid: 'customersRfm', query: { partnerCode, windowMonths: 12, asOf: today }, title: t('inventory:customers.title'), fileName: `customers-${partnerCode}-${today}` }}
          />
          <h3>{t('inventory:customers.lapsed')}</h3>
          {/* An empty win-back list says why: no purchase before the current window at all, or every earlier buyer came back. */}
          {lapsed.data && lapsed.data.length === 0 && rfm.data && (
            <p className="muted" data-testid="partner-lapsed-none">
              {(() => {
                const to = addMonthsClamped(today, -12);
                const from = addDays(addMonthsClamped(today, -24), 1);
                const first = rfm.data.reduce<string | null>((m, c) => (m === null || c.firstPurchaseOn < m ? c.firstPurchaseOn : m), null);
                return first !== null && first > to ? t('inventory:customers.lapsedNoneYet', { first, from, to }) : t('inventory:customers.lapsedNone', { from, to });
              })()}
            </p>
          )}
          <DataGrid
            stateKey="partner.customers.lapsed"
            testId="partner-lapsed-grid"
            rows={lapsed.data}
            columns={lapsedColumns}
            height={240}
            getRowId={(r) => r.customerRef}
            exportAs={{ grid: 'customersLapsed', query: { partnerCode, windowMonths: 12, asOf: today }, title: t('inventory:customers.lapsedTitle'), fileName: `win-back-${partnerCode}-${today}` }}
          />
          <CustomerCohorts partnerCode={partnerCode} asOf={today} />
        </>
      )}
    </section>
  );
}
