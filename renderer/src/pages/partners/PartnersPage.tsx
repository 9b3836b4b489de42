import type { ColDef } from 'ag-grid-community';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Partner } from '../../../../electron/contract/partners';
import { useOp } from '../../api/hooks';
import { DataGrid } from '../../components/DataGrid';
import { ErrorBanner } from '../../components/ErrorBanner';
import { PartnerForm } from './PartnerForm';

export default function PartnersPage() {
  const { t } = useTranslation(['partners', 'common']);
  const [showDeleted, setShowDeleted] = useState(false);
  const [editing, setEditing] = useState<Partner | 'new' | null>(null);
  const list = useOp('partners.list', { includeDeleted: showDeleted });

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
      { field: 'name', headerName: t('partners:field.name'), flex: 2, minWidth: 220 },
      { field: 'channelType', headerName: t('partners:field.channelType'), width: 150, valueFormatter: (p) => (p.value ? t(`common:channelType.${p.value}`) : '') , filterValueGetter: (p) => t(`common:channelType.${p.data?.channelType}`) },
      { field: 'tier', headerName: t('partners:field.tier'), width: 110, valueFormatter: (p) => (p.value ? t(`common:tier.${p.value}`) : ''), filterValueGetter: (p) => t(`common:tier.${p.data?.tier}`) },
      { field: 'region', headerName: t('partners:field.region'), width: 150, valueFormatter: (p) => (p.value ? t(`common:region.${p.value}`) : ''), filterValueGetter: (p) => (p.data?.region ? t(`common:region.${p.data.region}`) : '') },
      { field: 'province', headerName: t('partners:field.province'), width: 120 },
      { field: 'city', headerName: t('partners:field.city'), width: 100 },
      { field: 'status', headerName: t('partners:field.status'), width: 110, valueFormatter: (p) => (p.value ? t(`common:status.${p.value}`) : ''), filterValueGetter: (p) => t(`common:status.${p.data?.status}`) },
      { field: 'owner', headerName: t('partners:field.owner'), width: 150 },
      { field: 'contactName', headerName: t('partners:field.contactName'), width: 110 },
      { field: 'phone', headerName: t('partners:field.phone'), width: 140 },
      { field: 'joinedOn', headerName: t('partners:field.joinedOn'), width: 120 },
      { field: 'deletedAt', headerName: t('partners:field.deletedAt'), width: 170, hide: !showDeleted },
    ],
    [t, showDeleted],
  );

  return (
    <div className="page page-fill">
      <h1>{t('common:nav.partners')}</h1>
      <ErrorBanner error={list.error} />
      <DataGrid<Partner>
        stateKey="partners"
        testId="partners-grid"
        rows={list.data?.rows}
        columns={columns}
        getRowId={(p) => String(p.id)}
        onRowClicked={(p) => setEditing(p)}
        toolbar={
          <>
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
