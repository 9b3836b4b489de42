import type { ColDef } from 'ag-grid-community';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LedgerAccrual, PartnerLedgerLine } from '../../../../electron/contract/ledger';
import { bridge } from '../../api/client';
import { useJob, useOp } from '../../api/hooks';
import { DataGrid } from '../../components/DataGrid';
import { ErrorBanner } from '../../components/ErrorBanner';
import { JobProgressBar } from '../../components/JobProgressBar';
import { formatMoney } from '../../format';
import { useToday } from '../../today';

/**
 * The partner's ledger (往来台账) on the partner page: opening balance, every entry with the running balance, closing
 * balance and what is accrued (drafts, not in the balance) for a range of days; export of the grid; the 对账单 (PDF and
 * XLSX) for the same range.
 */
export function PartnerLedgerSection({ partnerId, partnerCode }: { partnerId: number; partnerCode: string }) {
  const { t, i18n } = useTranslation(['ledger', 'common']);
  const today = useToday();
  const [from, setFrom] = useState(() => `${today.slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today);
  const ledger = useOp('ledger.partner', { partnerId, from, to }, { enabled: from <= to });
  const statement = useJob('ledger.statements');
  const l = ledger.data;
  const money = (v: number) => formatMoney(v, l?.currency);

  const columns = useMemo<ColDef<PartnerLedgerLine>[]>(
    () => [
      { field: 'date', headerName: t('ledger:field.date'), width: 120 },
      { field: 'kind', headerName: t('ledger:field.kind'), width: 130, valueFormatter: (p) => (p.value ? t(`ledger:kind.${p.value as string}`) : ''), filterValueGetter: (p) => t(`ledger:kind.${p.data?.kind}`) },
      { field: 'ref', headerName: t('ledger:field.ref'), flex: 1, minWidth: 180 },
      { field: 'note', headerName: t('ledger:field.note'), flex: 1, minWidth: 160 },
      { field: 'amountMinor', headerName: t('ledger:field.amount'), width: 140, type: 'rightAligned', valueFormatter: (p) => (p.value == null ? '' : formatMoney(p.value as number, p.data?.currency)) },
      { field: 'balanceMinor', headerName: t('ledger:field.balance'), width: 150, type: 'rightAligned', valueFormatter: (p) => (p.value == null ? '' : formatMoney(p.value as number, p.data?.currency)) },
    ],
    [t],
  );

  const accrualColumns = useMemo<ColDef<LedgerAccrual>[]>(
    () => [
      { field: 'date', headerName: t('ledger:field.date'), width: 120 },
      { field: 'programCode', headerName: t('ledger:field.program'), width: 150 },
      { field: 'period', headerName: t('ledger:field.period'), width: 110 },
      { field: 'ref', headerName: t('ledger:field.ref'), flex: 1, minWidth: 180 },
      { field: 'amountMinor', headerName: t('ledger:field.amount'), width: 140, type: 'rightAligned', valueFormatter: (p) => (p.value == null ? '' : formatMoney(p.value as number, p.data?.currency)) },
    ],
    [t],
  );

  const issue = async () => {
    const env = await bridge.platform.env();
    await statement.start({ partnerCodes: [partnerCode], from, to, out: env.filesDir, formats: ['pdf', 'xlsx'], zip: false, language: i18n.language === 'en' ? 'en' : 'zh-CN' });
  };
  const issued = statement.result?.statements[0];

  return (
    <section className="partner-ledger" data-testid="partner-ledger">
      <h2>{t('ledger:title')}</h2>
      <div className="grid-toolbar">
        <label className="inline">
          {t('ledger:from')} <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="ledger-from" />
        </label>
        <label className="inline">
          {t('ledger:to')} <input type="date" value={to} onChange={(e) => setTo(e.target.value)} data-testid="ledger-to" />
        </label>
        <div className="spacer" />
        <button onClick={() => void issue()} disabled={statement.running || !l} data-testid="ledger-statement">
          {t('ledger:statement')}
        </button>
      </div>
      <ErrorBanner error={ledger.error ?? statement.error} />
      {statement.running && <JobProgressBar progress={statement.progress} onCancel={statement.cancel} />}
      {issued && (
        <p className="muted" data-testid="ledger-statement-done">
          {t('ledger:statementDone')}{' '}
          {issued.pdf && <button onClick={() => void bridge.platform.showItem(issued.pdf!)} data-testid="ledger-statement-pdf">PDF</button>}{' '}
          {issued.xlsx && <button onClick={() => void bridge.platform.showItem(issued.xlsx!)}>XLSX</button>}
        </p>
      )}
      {l && (
        <div className="cards">
          <div className="card">
            <div className="card-value" data-testid="ledger-opening">{money(l.openingMinor)}</div>
            <div className="card-label">{t('ledger:opening', { day: l.from })}</div>
          </div>
          <div className="card">
            <div className="card-value" data-testid="ledger-closing">{money(l.closingMinor)}</div>
            <div className="card-label">{t('ledger:closing', { day: l.to })}</div>
          </div>
          <div className="card">
            <div className="card-value" data-testid="ledger-accrued">{money(l.accruedMinor)}</div>
            <div className="card-label">{t('ledger:accrued')}</div>
          </div>
        </div>
      )}
      <DataGrid<PartnerLedgerLine>
        stateKey="partner-ledger"
        testId="ledger-grid"
        height={360}
        rows={l?.entries}
        columns={columns}
        exportAs={{ grid: 'partnerLedger', query: { partnerId, from, to }, title: t('ledger:title'), fileName: `ledger-${partnerCode}-${from}-${to}` }}
      />
      {l && (
        <div className="partner-accruals" data-testid="partner-accruals">
          <h3>{t('ledger:accruals.title')}</h3>
          <p className="muted">{l.accruals.length ? t('ledger:accruals.hint', { day: l.to }) : t('ledger:accruals.none', { day: l.to })}</p>
          {l.accruals.length > 0 && (
            <DataGrid<LedgerAccrual>
              stateKey="partner-accruals"
              testId="accruals-grid"
              height={300}
              rows={l.accruals}
              columns={accrualColumns}
              exportAs={{ grid: 'partnerAccruals', query: { partnerId, from, to }, title: t('ledger:accruals.title'), fileName: `accruals-${partnerCode}-${to}` }}
            />
          )}
        </div>
      )}
    </section>
  );
}
