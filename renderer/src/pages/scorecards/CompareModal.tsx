import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOp } from '../../api/hooks';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Modal } from '../../components/Modal';

const fmt = (field: string, v: unknown) => {
  if (v === null || v === undefined) return '—';
  if (typeof v !== 'number') return String(v);
  if (field.endsWith('Minor')) return (v / 100).toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  if (['attainment', 'growthPrev', 'growthYoY', 'grossMargin', 'retention', 'trainingCompliance'].includes(field)) return `${(v * 100).toFixed(1)}%`;
  return String(v);
};

/** What changed between a run and an earlier version of the same period. */
export function CompareModal({ runId, onClose, onOpenPartner }: { runId: number; onClose: () => void; onOpenPartner: (id: number) => void }) {
  const { t } = useTranslation(['scorecards', 'common']);
  const runs = useOp('evaluations.runs', {});
  const current = runs.data?.find((r) => r.id === runId);
  const versions = runs.data?.filter((r) => current && r.period === current.period && r.status === 'completed') ?? [];
  const [other, setOther] = useState<number | undefined>(undefined);
  const cmp = useOp('evaluations.scorecards.compare', { runId, otherRunId: other });
  const d = cmp.data;
  return (
    <Modal title={t('scorecards:compareTitle', { period: current?.period ?? '' })} onClose={onClose}>
      <ErrorBanner error={cmp.error} />
      <label className="inline">
        {t('scorecards:compareWith')}
        <select value={other ?? ''} onChange={(e) => setOther(e.target.value ? Number(e.target.value) : undefined)} data-testid="compare-other">
          <option value="">{t('scorecards:previousVersion')}</option>
          {versions
            .filter((v) => v.id !== runId)
            .map((v) => (
              <option key={v.id} value={v.id}>
                v{v.version} · {v.finishedAt?.slice(0, 16).replace('T', ' ')} · {t(`scorecards:trigger.${v.trigger}`)}
              </option>
            ))}
        </select>
      </label>
      {d && !d.other && <p className="muted">{t('scorecards:noPrevious')}</p>}
      {d?.other && (
        <div data-testid="compare-result">
          <p>
            v{d.other.version} → v{d.run.version}: {d.sameInputs ? t('scorecards:sameInputs') : t('scorecards:differentInputs')}{' '}
            {t('scorecards:compareCounts', { changed: d.changed.length, unchanged: d.unchanged, added: d.added.length, removed: d.removed.length })}
          </p>
          {d.added.length > 0 && <p>{t('scorecards:added')}: {d.added.map((a) => a.partnerCode).join(', ')}</p>}
          {d.removed.length > 0 && <p>{t('scorecards:removed')}: {d.removed.map((a) => a.partnerCode).join(', ')}</p>}
          <table className="compare-table">
            <thead>
              <tr>
                <th>{t('scorecards:col.partnerCode')}</th>
                <th>{t('scorecards:field')}</th>
                <th>{t('scorecards:before')}</th>
                <th>{t('scorecards:after')}</th>
              </tr>
            </thead>
            <tbody>
              {d.changed.slice(0, 500).flatMap((c) =>
                c.changes.map((ch, i) => (
                  <tr key={`${c.partnerId}-${ch.field}`}>
                    <td>{i === 0 && <button className="link" onClick={() => onOpenPartner(c.partnerId)}>{c.partnerCode}</button>}</td>
                    <td>{t(`scorecards:fieldName.${ch.field}`)}</td>
                    <td>{fmt(ch.field, ch.before)}</td>
                    <td>{fmt(ch.field, ch.after)}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      )}
    </Modal>
  );
}
