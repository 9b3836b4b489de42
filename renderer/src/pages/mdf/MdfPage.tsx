import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ClaimsTab } from './ClaimsTab';
import { FundsTab } from './FundsTab';
import { RequestsTab } from './RequestsTab';
import { RoiTab } from './RoiTab';
import './mdf.css';

const TABS = ['funds', 'requests', 'claims', 'roi'] as const;

/** Market development funds (市场费用): budgets and balances, requests, claims with proof, what it returned. */
export default function MdfPage() {
  const { t } = useTranslation('mdf');
  const [tab, setTab] = useState<(typeof TABS)[number]>('funds');
  return (
    <div className="page page-fill">
      <h1>{t('title')}</h1>
      <div className="mdf-tabs" role="tablist">
        {TABS.map((x) => (
          <button key={x} type="button" role="tab" aria-selected={tab === x} className={tab === x ? 'active' : undefined} onClick={() => setTab(x)} data-testid={`mdf-tab-${x}`}>
            {t(`tab.${x}`)}
          </button>
        ))}
      </div>
      {tab === 'funds' && <FundsTab />}
      {tab === 'requests' && <RequestsTab />}
      {tab === 'claims' && <ClaimsTab />}
      {tab === 'roi' && <RoiTab />}
    </div>
  );
}
