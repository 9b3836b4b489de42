import type { ColDef } from 'ag-grid-community';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Partner } from '../../../../electron/contract/partners';
import { useOp } from '../../api/hooks';
import { DataGrid } from '../../components/DataGrid';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useTerritories } from '../../territories';
import { PartnerForm } from './PartnerForm';

const MINE_KEY = 'pwb.partners.mine';

export default function PartnersPage() {
  const { t, i18n } = useTranslation(['partners', 'common']);
  const [showDeleted, setShowDeleted] = useState(false);
  const [editing, setEditing] = useState<Partner | 'new' | null>(null);
  const [params, setParams] = useSearchParams();
  const territory = params.get('territory');
  // ?place=CODE (the tile map's click): partners assigned there or located there by their province/city.
  const place = params.get('place');
  // "我的/Mine": only my partners (the channel manager I am, by the user profile's name or e-mail); remembered.
  const [mine, setMine] = useState(() => localStorage.getItem(MINE_KEY) === '1');
  useEffect(() => localStorage.setItem(MINE_KEY, mine ? '1' : '0'), [mine]);
  const me = useOp('channelManagers.me', {});
  const territories = useTerritories();
  const list = useOp('partners.list', {
    includeDeleted: showDeleted,
    ...(territory ? { regions: [territory] } : {}),
    ...(place ? { places: [place] } : {}),
    ...(mine ? { channelManagerIds: me.data ? [me.data.id] : [] } : {}),
  }, { enabled: !mine || me.isSuccess });
  const setTerritory = (code: string | null) => {
    const next = new URLSearchParams(params);
    if (code) next.set('territory', code);
    else next.delete('territory');
    setParams(next, { replace: true });
  };

  const columns = useMemo<ColDef<Partner>[]>(
    () => [
      {
        field: 'code',
        headerName: t('partners:field.code'),
        width: 135,
        pinned: 'left',
        // The code opens the partner's page (KPIs, trends, sales); the rest of the row opens the edit form.
        cellRenderer: (p: { value: string; data?: Partner }) =>
          p.data ? (
            <a href={`#/partners/${p.data.id}`} onClick={(e) => e.stopPropagation()} data-testid="partner-link">
              {p.value}
            </a>
          ) : (
            p.value
          ),
      },
      // English mode shows the partner's English name where it has one.
      { field: 'name', headerName: t('partners:field.name'), flex: 2, minWidth: 220, context: { export: { fields: i18n.language === 'en' ? ['nameEn', 'name'] : ['name'], pick: 'first' } }, valueGetter: (p) => (i18n.language === 'en' && p.data?.nameEn ? p.data.nameEn : p.data?.name) },
      { field: 'channelType', headerName: t('partners:field.channelType'), width: 150, valueFormatter: (p) => (p.value ? t(`common:channelType.${p.value}`) : '') , filterValueGetter: (p) => t(`common:channelType.${p.data?.channelType}`) },
      { field: 'tier', headerName: t('partners:field.tier'), width: 110, valueFormatter: (p) => (p.value ? t(`common:tier.${p.value}`) : ''), filterValueGetter: (p) => t(`common:tier.${p.data?.tier}`) },
      // Status beside tier: whether a partner is 合作中 or 暂停 is in view at 1280 px.
      { field: 'status', headerName: t('partners:field.status'), width: 110, valueFormatter: (p) => (p.value ? t(`common:status.${p.value}`) : ''), filterValueGetter: (p) => t(`common:status.${p.data?.status}`) },
      { field: 'territory', headerName: t('partners:field.territory'), width: 150, valueFormatter: (p) => territories.name(p.value, p.data?.territoryNameEn), filterValueGetter: (p) => territories.name(p.data?.territory, p.data?.territoryNameEn) },
      { field: 'province', headerName: t('partners:field.province'), width: 120 },
      { field: 'city', headerName: t('partners:field.city'), width: 100 },
      { field: 'channelManager', headerName: t('partners:field.channelManagerId'), width: 150 },
      { field: 'contactName', headerName: t('partners:field.contactName'), width: 110 },
      { field: 'phone', headerName: t('partners:field.phone'), width: 140 },
      { field: 'joinedOn', headerName: t('partners:field.joinedOn'), width: 120 },
      { field: 'deletedAt', headerName: t('partners:field.deletedAt'), width: 170, hide: !showDeleted },
    ],
    [t, i18n.language, showDeleted, territories],
  );

  return (
    <div className="page page-fill">
      <h1>{t('common:nav.partners')}</h1>
      <ErrorBanner error={list.error} />
      <DataGrid<Partner>
        exportAs={{ grid: 'partners', query: { includeDeleted: showDeleted, ...(territory ? { regions: [territory] } : {}), ...(mine ? { channelManagerIds: me.data ? [me.data.id] : [] } : {}) }, title: t('common:nav.partners'), fileName: 'partners' }}
        stateKey="partners"
        testId="partners-grid"
        rows={mine && me.isSuccess && !me.data ? [] : list.data?.rows}
        columns={columns}
        getRowId={(p) => String(p.id)}
        onRowClicked={(p) => setEditing(p)}
        toolbar={
          <>
            <label className="inline">
              {t('partners:field.territory')}{' '}
              <select value={territory ?? ''} onChange={(e) => setTerritory(e.target.value || null)} data-testid="partners-territory">
                <option value="">{t('partners:allTerritories')}</option>
                {territories.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            </label>
            {place && (
              <span className="inline" data-testid="partners-place">
                {t('partners:locatedIn', { place: territories.name(place) })}
                <button type="button" className="link" onClick={() => { const next = new URLSearchParams(params); next.delete('place'); setParams(next, { replace: true }); }} aria-label={t('partners:clearPlace')}>
                  ×
                </button>
              </span>
            )}
            <label className="inline" title={mine && me.isSuccess && !me.data ? t('partners:mineNobody') : undefined}>
              <input type="checkbox" checked={mine} onChange={(e) => setMine(e.target.checked)} data-testid="partners-mine" /> {t('partners:mine')}
            </label>
            {mine && me.isSuccess && !me.data && <small className="muted">{t('partners:mineNobody')}</small>}
            <label className="inline">
              <input type="checkbox" checked={showDeleted} onChange={(e) => setShowDeleted(e.target.checked)} data-testid="partners-show-deleted" /> {t('partners:showDeleted')}
            </label>
            <button className="primary" onClick={() => setEditing('new')} data-testid="partner-new">
              {t('common:actions.new')}
            </button>
          </>
        }
      />
      {editing && <PartnerForm partner={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </div>
  );
}
