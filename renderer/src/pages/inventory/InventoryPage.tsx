import type { ColDef } from 'ag-grid-community';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useSearchParams } from 'react-router-dom';
import type { EvidenceKind, EvidenceLine, InventoryGridRow, InventoryGroupRow, InventoryPartnerRow } from '../../../../electron/contract/inventory';
import { useOp } from '../../api/hooks';
import { DataGrid } from '../../components/DataGrid';
import { ErrorBanner } from '../../components/ErrorBanner';
import { MineToggle } from '../../components/MineToggle';
import { useMine } from '../../mine';
import { formatMoney, formatRatio } from '../../format';
import { useFiscalPeriods } from '../../fiscal';
import { EChart } from '../scorecards/EChart';
import { nameExport, partnerNameIn } from '../../partnerName';
import { inLanguage } from './inLanguage';
import { trendChartOption } from './trendChart';
import { useToday } from '../../today';
import { parsePeriod } from '../../../../shared/period';

const num = (v: number | null | undefined, digits = 1) => (v == null ? '—' : v.toLocaleString(undefined, { maximumFractionDigits: digits }));
const FLAG_WORD: Record<string, string> = { crossTerritory: 'inventory:flag.cross', belowFloor: 'inventory:flag.below', stuffing: 'inventory:flag.stuffing' };
/** The partner's flag codes ('crossTerritory stuffing') in words; the export writes the same words (its labels come from this formatter). */
const flagWords = (t: TFunction, codes: string | null | undefined) => (codes ? codes.split(' ').map((c) => t(FLAG_WORD[c] ?? c)).join(' · ') : '');

/**
 * A 窜货 / 控价 share; where it cannot be measured, "—" that says why when pointed at (no sale lines, no territory, no
 * customer province, no amounts, no floor price). The export writes the share (empty where missing).
 */
function shareCell(t: TFunction, why: 'crossTerritoryShareMissing' | 'belowFloorShareMissing') {
  return function ShareCell(p: { value: number | null | undefined; data?: InventoryPartnerRow }) {
    const reason = p.data?.[why];
    if (p.value != null || !reason) return formatRatio(p.value);
    return (
      <abbr title={t(`inventory:shareMissing.${reason}`)} style={{ cursor: 'help' }} data-testid={`${why}-${p.data?.partnerCode}`} data-reason={reason}>
        —
      </abbr>
    );
  };
}

/** The same "—" for a territory / channel-type total: each of its partners' reasons, once, when pointed at. */
function groupShareCell(t: TFunction, why: 'crossTerritoryShareMissing' | 'belowFloorShareMissing') {
  return function GroupShareCell(p: { value: number | null | undefined; data?: InventoryGroupRow }) {
    const reasons = p.data?.[why] ?? [];
    if (p.value != null || reasons.length === 0) return formatRatio(p.value);
    return (
      <abbr title={reasons.map((r) => t(`inventory:shareMissing.${r}`)).join('\n')} style={{ cursor: 'help' }} data-testid={`${why}-${p.data?.by}-${p.data?.key}`} data-reason={reasons.join(' ')}>
        —
      </abbr>
    );
  };
}

/** The flags in words, each kept whole: a line breaks between flags (at the separator), not inside "Cross-territory selling". */
function FlagList({ t, codes }: { t: TFunction; codes: string | null | undefined }) {
  if (!codes) return null;
  return (
    <span style={{ lineHeight: '20px', display: 'inline-block', padding: '7px 0' }}>
      {codes.split(' ').map((c, i) => (
        <span key={c}>
          {i > 0 && ' '}
          <span style={{ whiteSpace: 'nowrap' }}>
            {i > 0 && '· '}
            {t(FLAG_WORD[c] ?? c)}
          </span>
        </span>
      ))}
    </span>
  );
}

/** Last stock report, how many days ago, and the reporting flag: fields of the row, so the grid export writes them too. */
function reportColumns<T extends { lastReportDate: string | null; daysSinceReport: number | null; reportFlag: string | null }>(t: TFunction): ColDef<T>[] {
  return [
    { field: 'lastReportDate' as ColDef<T>['field'], headerName: t('inventory:col.lastReport'), width: 120, valueFormatter: (p) => p.value ?? t('inventory:never'), context: { export: { emptyText: t('inventory:never') } } },
    { field: 'daysSinceReport' as ColDef<T>['field'], headerName: t('inventory:col.daysSinceReport'), width: 110, type: 'rightAligned', context: { export: { kind: 'number' } }, valueFormatter: (p) => num(p.value, 0) },
    {
      field: 'reportFlag' as ColDef<T>['field'],
      headerName: t('inventory:col.reportFlag'),
      width: 150,
      valueFormatter: (p) => (p.value === 'never' ? t('inventory:flag.neverReported') : p.value === 'late' ? t('inventory:flag.late') : ''),
      cellClassRules: { error: (p) => p.value != null },
    },
  ];
}

/** Inventory & sell-through (进销存): stock, DOI and sell-through per partner × product, sell-in vs sell-through, 窜货 / 控价 evidence. */
export default function InventoryPage() {
  const { t, i18n } = useTranslation(['inventory', 'common']);
  const zh = i18n.language.startsWith('zh');
  const [params, setParams] = useSearchParams();
  // The company's fiscal periods (company.fiscalStartMonth), as the domain reads the label; default: the last full
  // fiscal quarter before today.
  const fiscal = useFiscalPeriods(8);
  const today = useToday();
  const period = params.get('period') || fiscal.lastFull;
  const [typed, setDraft] = useState<string | null>(null);
  const draft = typed ?? period;
  const [kind, setKind] = useState<EvidenceKind>((params.get('evidence') as EvidenceKind) || 'crossTerritory');
  const mine = useMine('inventory');
  // Mine: the partners grid, the partner × product grid, the territory/channel sums and their exports keep my partners only.
  const overviewInput = { period, ...mine.filter };
  const ready = fiscal.ready || params.has('period');
  const overview = useOp('inventory.overview', overviewInput, { retry: false, enabled: mine.ready && ready });
  // A period that holds today (the current quarter) ends in months still to come: they have no figures yet, so the
  // chart's 12 months end with the current month (marked "to date") instead of drawing the months to come as zeros.
  const thisMonth = today.slice(0, 7);
  const trendTo = useMemo(() => {
    try {
      return parsePeriod(period, fiscal.fiscalStartMonth).end.slice(0, 7) > thisMonth ? thisMonth : period;
    } catch {
      return period; // not a period: the domain refuses it in the reader's words
    }
  }, [period, fiscal.fiscalStartMonth, thisMonth]);
  const trend = useOp('inventory.trend', { to: trendTo, months: 12 }, { retry: false, enabled: ready });
  const evidence = useOp('inventory.evidence', { period, kind, limit: 500 }, { retry: false, enabled: ready });
  const rules = overview.data?.rules;

  const rowColumns = useMemo<ColDef<InventoryGridRow>[]>(
    () => [
      { field: 'partnerCode', headerName: t('inventory:col.partner'), width: 110, pinned: 'left' },
      { field: 'partnerName', headerName: t('inventory:col.partnerName'), width: 200, context: { export: nameExport(zh) }, valueGetter: (p) => partnerNameIn(zh, p.data) },
      { field: 'productCode', headerName: t('inventory:col.product'), width: 120 },
      { field: 'productName', headerName: t('inventory:col.productName'), width: 180, ...inLanguage<InventoryGridRow>(zh, 'productName', 'productNameEn') },
      { field: 'productLine', headerName: t('inventory:col.productLine'), width: 120 },
      { field: 'sellInQuantity', headerName: t('inventory:col.sellIn'), width: 110, type: 'rightAligned', context: { export: { kind: 'number' } }, valueFormatter: (p) => num(p.value) },
      { field: 'sellThroughQuantity', headerName: t('inventory:col.sellThrough'), width: 110, type: 'rightAligned', context: { export: { kind: 'number' } }, valueFormatter: (p) => num(p.value) },
      { field: 'sellThroughRate', headerName: t('inventory:col.sellThroughRate'), width: 110, type: 'rightAligned', context: { export: { kind: 'percent' } }, valueFormatter: (p) => formatRatio(p.value) },
      { field: 'closingStock', headerName: t('inventory:col.stock'), width: 100, type: 'rightAligned', context: { export: { kind: 'number' } }, valueFormatter: (p) => num(p.value) },
      { field: 'closingStockValueMinor', headerName: t('inventory:col.stockValue'), width: 120, type: 'rightAligned', valueFormatter: (p) => (p.value == null ? '' : formatMoney(p.value)) },
      {
        field: 'daysOfInventory',
        headerName: t('inventory:col.doi'),
        width: 100,
        type: 'rightAligned',
        context: { export: { kind: 'number' } }, valueFormatter: (p) => num(p.value, 0),
        cellClassRules: { error: (p) => rules !== undefined && p.value != null && p.value > rules.doiLimitDays },
      },
      ...reportColumns<InventoryGridRow>(t),
    ],
    [t, rules, zh],
  );

  const partnerColumns = useMemo<ColDef<InventoryPartnerRow>[]>(
    () => [
      { field: 'partnerCode', headerName: t('inventory:col.partner'), width: 110, pinned: 'left' },
      {
        field: 'partnerName',
        headerName: t('inventory:col.partnerName'),
        width: 200,
        context: { export: nameExport(zh) },
        valueGetter: (p) => partnerNameIn(zh, p.data),
        // The partner's own page, on its End customers tab (where its sell-through customers are).
        cellRenderer: (p: { data?: InventoryPartnerRow; value: string }) => (
          <a href={`#/partners/${p.data?.partnerId}?tab=customers`} data-testid={`inventory-partner-link-${p.data?.partnerCode}`}>
            {p.value}
          </a>
        ),
      },
      // What the channel manager looks for first: the partner's flags (窜货 · 乱价 · 压货), beside its name.
      // Sized for two flags on a line in either language (窜货 · 乱价 / Cross-territory selling · Price breaking: the
      // English second flag was cut at 200 px); a third wraps between flags, never inside one, and the row grows.
      {
        field: 'flags',
        headerName: t('inventory:col.flags'),
        width: zh ? 150 : 310,
        wrapText: true,
        autoHeight: true,
        valueFormatter: (p) => flagWords(t, p.value),
        cellRenderer: (p: { value: string | null | undefined }) => <FlagList t={t} codes={p.value} />,
        cellClassRules: { error: (p) => Boolean(p.value) },
      },
      ...reportColumns<InventoryPartnerRow>(t),
      { field: 'sellThroughRate', headerName: t('inventory:col.sellThroughRate'), width: 110, type: 'rightAligned', context: { export: { kind: 'percent' } }, valueFormatter: (p) => formatRatio(p.value) },
      {
        field: 'daysOfInventory',
        headerName: t('inventory:col.doi'),
        width: 100,
        type: 'rightAligned',
        context: { export: { kind: 'number' } },
        valueFormatter: (p) => num(p.value, 0),
        cellClassRules: { error: (p) => rules !== undefined && p.value != null && p.value > rules.doiLimitDays },
      },
      { field: 'weeksOfSupply', headerName: t('inventory:col.weeksOfSupply'), width: 110, type: 'rightAligned', context: { export: { kind: 'number' } }, valueFormatter: (p) => num(p.value, 1) },
      { field: 'closingStock', headerName: t('inventory:col.stock'), width: 100, type: 'rightAligned', context: { export: { kind: 'number' } }, valueFormatter: (p) => num(p.value) },
      { field: 'closingStockValueMinor', headerName: t('inventory:col.stockValue'), width: 130, type: 'rightAligned', valueFormatter: (p) => (p.value == null ? '' : formatMoney(p.value)) },
      { field: 'inventoryTurnover', headerName: t('inventory:col.turnover'), width: 115, type: 'rightAligned', context: { export: { kind: 'number' } }, valueFormatter: (p) => num(p.value, 2) },
      { field: 'crossTerritoryLines', headerName: t('inventory:col.crossLines'), width: 110, type: 'rightAligned' },
      { field: 'crossTerritoryShare', headerName: t('inventory:col.crossShare'), width: 110, type: 'rightAligned', context: { export: { kind: 'percent' } }, valueFormatter: (p) => formatRatio(p.value), cellRenderer: shareCell(t, 'crossTerritoryShareMissing') },
      { field: 'belowFloorLines', headerName: t('inventory:col.belowLines'), width: 110, type: 'rightAligned' },
      { field: 'belowFloorShare', headerName: t('inventory:col.belowShare'), width: 125, type: 'rightAligned', context: { export: { kind: 'percent' } }, valueFormatter: (p) => formatRatio(p.value), cellRenderer: shareCell(t, 'belowFloorShareMissing') },
      { field: 'belowFloorGapMinor', headerName: t('inventory:col.belowGap'), width: 120, type: 'rightAligned', valueFormatter: (p) => formatMoney(p.value ?? 0) },
    ],
    [t, zh, rules],
  );

  const groupColumns = useMemo<ColDef<InventoryGroupRow>[]>(
    () => [
      { field: 'by', headerName: t('inventory:group.by'), width: 135, valueFormatter: (p) => t(`inventory:group.${p.value}`) },
      {
        field: 'key',
        headerName: t('inventory:group.group'),
        width: 150,
        valueFormatter: (p) => (p.data?.by === 'channelType' ? t(`common:channelType.${p.value}`) : ((!zh && p.data?.nameEn) || p.data?.name) ?? t('inventory:group.noTerritory')),
      },
      { field: 'partners', headerName: t('inventory:group.partners'), width: 110, type: 'rightAligned' },
      { field: 'sellInQuantity', headerName: t('inventory:col.sellIn'), width: 110, type: 'rightAligned', context: { export: { kind: 'number' } }, valueFormatter: (p) => num(p.value) },
      { field: 'sellThroughQuantity', headerName: t('inventory:col.sellThrough'), width: 110, type: 'rightAligned', context: { export: { kind: 'number' } }, valueFormatter: (p) => num(p.value) },
      { field: 'sellThroughRate', headerName: t('inventory:col.sellThroughRate'), width: 110, type: 'rightAligned', context: { export: { kind: 'percent' } }, valueFormatter: (p) => formatRatio(p.value) },
      { field: 'closingStock', headerName: t('inventory:col.stock'), width: 100, type: 'rightAligned', context: { export: { kind: 'number' } }, valueFormatter: (p) => num(p.value) },
      { field: 'daysOfInventory', headerName: t('inventory:col.doi'), width: 100, type: 'rightAligned', context: { export: { kind: 'number' } }, valueFormatter: (p) => num(p.value, 0) },
      { field: 'crossTerritoryShare', headerName: t('inventory:col.crossShare'), width: 110, type: 'rightAligned', context: { export: { kind: 'percent' } }, valueFormatter: (p) => formatRatio(p.value), cellRenderer: groupShareCell(t, 'crossTerritoryShareMissing') },
      { field: 'belowFloorShare', headerName: t('inventory:col.belowShare'), width: 125, type: 'rightAligned', context: { export: { kind: 'percent' } }, valueFormatter: (p) => formatRatio(p.value), cellRenderer: groupShareCell(t, 'belowFloorShareMissing') },
      { field: 'belowFloorGapMinor', headerName: t('inventory:group.underFloor'), width: 130, type: 'rightAligned', valueFormatter: (p) => formatMoney(p.value ?? 0) },
      { field: 'stuffingPartners', headerName: t('inventory:group.stuffing'), width: 110, type: 'rightAligned' },
    ],
    [t, zh],
  );

  const evidenceColumns = useMemo<ColDef<EvidenceLine>[]>(
    () => [
      { field: 'partnerCode', headerName: t('inventory:col.partner'), width: 110 },
      { field: 'date', headerName: t('inventory:col.date'), width: 110 },
      { field: 'productCode', headerName: t('inventory:col.product'), width: 110 },
      { field: 'productName', headerName: t('inventory:col.productName'), width: 170, ...inLanguage<EvidenceLine>(zh, 'productName', 'productNameEn') },
      // What proves the finding — the customer's province against the partner's territory, the price against the floor — first.
      ...(kind === 'crossTerritory'
        ? ([
            { field: 'provinceName', headerName: t('inventory:col.customerProvince'), width: 130, ...inLanguage<EvidenceLine>(zh, 'provinceName', 'provinceNameEn') },
            { field: 'territoryName', headerName: t('inventory:col.partnerTerritory'), width: 130, ...inLanguage<EvidenceLine>(zh, 'territoryName', 'territoryNameEn') },
          ] as ColDef<EvidenceLine>[])
        : ([
            { field: 'unitPriceMinor', headerName: t('inventory:col.unitPrice'), width: 110, type: 'rightAligned', valueFormatter: (p) => (p.value == null ? '' : formatMoney(p.value)) },
            { field: 'floorPriceMinor', headerName: t('inventory:col.floorPrice'), width: 110, type: 'rightAligned', valueFormatter: (p) => (p.value == null ? '' : formatMoney(p.value)) },
            { field: 'underFloor', headerName: t('inventory:col.underFloor'), width: 110, type: 'rightAligned', context: { export: { kind: 'percent' } }, valueFormatter: (p) => formatRatio(p.value) },
          ] as ColDef<EvidenceLine>[])),
      { field: 'quantity', headerName: t('inventory:col.quantity'), width: 105, type: 'rightAligned' },
      { field: 'amountMinor', headerName: t('inventory:col.amount'), width: 120, type: 'rightAligned', valueFormatter: (p) => (p.value == null ? '' : formatMoney(p.value)) },
      { field: 'customerRef', headerName: t('inventory:col.customer'), width: 120 },
      { field: 'customerName', headerName: t('inventory:col.customerName'), width: 150 },
      { field: 'orderRef', headerName: t('inventory:col.orderRef'), width: 130 },
    ],
    [t, kind, zh],
  );

  const trendPoints = useMemo(() => trend.data ?? [], [trend.data]);
  const trendOption = useMemo(() => trendChartOption(trendPoints, t, thisMonth), [trendPoints, t, thisMonth]);

  const apply = () => {
    const next = new URLSearchParams(params);
    next.set('period', draft.trim());
    setParams(next, { replace: true });
  };

  return (
    <div className="page">
      <h1>{t('inventory:title')}</h1>
      <div className="toolbar-row">
        <label>
          {t('inventory:period')}{' '}
          <input value={draft} list="inventory-periods" onChange={(e) => setDraft(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && apply()} data-testid="inventory-period" size={10} />
          <datalist id="inventory-periods" data-testid="inventory-period-options">
            {fiscal.periods.map((p) => (
              <option key={p} value={p} />
            ))}
          </datalist>
        </label>
        <button onClick={apply} data-testid="inventory-apply">
          {t('inventory:show')}
        </button>
        <MineToggle mine={mine} testId="inventory-mine" />
        {overview.data && (
          <span className="muted">
            {t('inventory:range', { start: overview.data.start, end: overview.data.end, days: overview.data.rules.notReportedDays, doi: overview.data.rules.doiLimitDays })}
          </span>
        )}
      </div>
      <ErrorBanner error={overview.error ?? trend.error ?? evidence.error} />
      {overview.data && overview.data.partners.length === 0 && <p className="muted" data-testid="inventory-empty">{t('inventory:empty')}</p>}

      <h2>{t('inventory:section.stock')}</h2>
      <DataGrid
        stateKey="inventory.rows"
        testId="inventory-grid"
        rows={overview.data?.rows}
        columns={rowColumns}
        height={360}
        getRowId={(r) => `${r.partnerCode}\u0000${r.productCode}`}
        exportAs={{ grid: 'inventoryRows', query: overviewInput, title: t('inventory:title'), fileName: `inventory-${period}` }}
      />

      <h2>{t('inventory:section.groups')}</h2>
      <DataGrid
        stateKey="inventory.groups"
        testId="inventory-groups-grid"
        rows={overview.data?.groups}
        columns={groupColumns}
        height={240}
        getRowId={(r) => `${r.by}|${r.key}`}
        exportAs={{ grid: 'inventoryGroups', query: overviewInput, title: t('inventory:section.groups'), fileName: `inventory-groups-${period}` }}
      />

      <h2>{t('inventory:section.trend')}</h2>
      <EChart testId="chart-inventory-trend" option={trendOption} listSegments={false} />
      {trendPoints.some((p) => p.month === thisMonth) && (
        <p className="muted" data-testid="inventory-trend-to-date">
          {t('inventory:partnerTrend.toDateNote', { month: thisMonth, today })}
        </p>
      )}
      {trendPoints.some((p) => p.sellInQuantity === null || p.sellThroughQuantity === null) && (
        <p className="muted" data-testid="inventory-trend-gaps">
          {t('inventory:partnerTrend.gapNote')}
        </p>
      )}

      <h2>{t('inventory:section.partners')}</h2>
      <DataGrid
        stateKey="inventory.partners"
        testId="inventory-partners-grid"
        rows={overview.data?.partners}
        columns={partnerColumns}
        height={300}
        getRowId={(r) => r.partnerCode}
        exportAs={{ grid: 'inventoryPartners', query: overviewInput, title: t('inventory:title'), fileName: `inventory-partners-${period}` }}
      />
      {overview.data?.partners.some((p) => p.crossTerritoryShareMissing || p.belowFloorShareMissing) && (
        <p className="muted" data-testid="inventory-share-note">
          {t('inventory:shareMissingNote')}
        </p>
      )}

      <h2>{t('inventory:section.evidence')}</h2>
      <div className="toolbar-row">
        <select
          value={kind}
          onChange={(e) => {
            setKind(e.target.value as EvidenceKind);
            const next = new URLSearchParams(params);
            next.set('evidence', e.target.value);
            setParams(next, { replace: true });
          }}
          data-testid="inventory-evidence-kind"
        >
          <option value="crossTerritory">{t('inventory:evidence.crossTerritory')}</option>
          <option value="belowFloor">{t('inventory:evidence.belowFloor')}</option>
        </select>
        <span className="muted">{t(`inventory:evidence.${kind}Help`)}</span>
      </div>
      <DataGrid
        stateKey={`inventory.evidence.${kind}`}
        testId="inventory-evidence-grid"
        rows={evidence.data}
        columns={evidenceColumns}
        height={300}
        getRowId={(r) => String(r.id)}
        exportAs={{ grid: 'inventoryEvidence', query: { period, kind, limit: 500 }, title: t(`inventory:evidence.${kind}`), fileName: `${kind}-${period}` }}
      />
    </div>
  );
}
