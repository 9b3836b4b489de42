import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useState } from 'react';
import { CoursesTab } from './CoursesTab';
import { ExpiringTab } from './ExpiringTab';
import { MatrixTab } from './MatrixTab';
import { RecordsTab } from './RecordsTab';
import { useToday } from '../../today';
import './training.css';

const TABS = ['records', 'courses', 'matrix', 'expiring'] as const;
type Tab = (typeof TABS)[number];

/** Training and certification: records, course catalogue, compliance matrix, expiring certificates. */
export default function TrainingPage() {
  const { t } = useTranslation(['training', 'common']);
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'records';
  const today = useToday();
  const [chosenAsOf, setAsOf] = useState<string | null>(null);
  const asOf = chosenAsOf ?? today;

  return (
    <div className="page page-fill">
      <h1>{t('common:nav.training')}</h1>
      <div className="tabs" role="tablist">
        {TABS.map((x) => (
          <button key={x} role="tab" aria-selected={tab === x} className={tab === x ? 'active' : undefined} onClick={() => setParams({ tab: x }, { replace: true })} data-testid={`training-tab-${x}`}>
            {t(`training:tab.${x}`)}
          </button>
        ))}
        <div className="spacer" />
        <label className="inline">
          {t('training:asOf')}
          <input type="date" value={asOf} onChange={(e) => e.target.value && setAsOf(e.target.value)} data-testid="training-as-of" />
        </label>
      </div>
      {tab === 'records' && <RecordsTab asOf={asOf} />}
      {tab === 'courses' && <CoursesTab />}
      {tab === 'matrix' && <MatrixTab asOf={asOf} />}
      {tab === 'expiring' && <ExpiringTab asOf={asOf} />}
    </div>
  );
}
