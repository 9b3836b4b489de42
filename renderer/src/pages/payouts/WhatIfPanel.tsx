import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProgramFile, WhatIfResult } from '../../../../electron/contract/incentives';
import { formatMoney } from '../../../../shared/money';
import { call } from '../../api/client';
import type { ApiError } from '../../../../shared/errors';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Modal } from '../../components/Modal';
import { PopulationNote } from '../../components/PopulationNote';

/** Edit the run's program (rates, tiers, cap…) as JSON and compare; nothing is saved. */
export function WhatIfPanel({ runId, program, currency, onClose }: { runId: number; program: ProgramFile; currency: string; onClose: () => void }) {
  const { t } = useTranslation(['payouts', 'incentives', 'common']);
  const [text, setText] = useState(() => JSON.stringify(program, null, 2));
  const [result, setResult] = useState<WhatIfResult | null>(null);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const m = (v: number) => formatMoney(v, currency);
  const compare = async () => {
    setError(null);
    try {
      setResult(await call('incentives.payouts.whatIf', { runId, variant: JSON.parse(text) as never }));
    } catch (e) {
      setError(e as Error);
    }
  };
  return (
    <Modal title={t('payouts:whatIf')} onClose={onClose} testId="whatif" wide>
      <p className="muted">{t('payouts:whatIfHint')}</p>
      <textarea rows={14} style={{ width: '100%', fontFamily: 'monospace' }} value={text} onChange={(e) => setText(e.target.value)} data-testid="whatif-json" />
      <ErrorBanner error={error} />
      {result && (
        <div data-testid="whatif-result">
          <p>
            {t('payouts:baseTotal')}: <strong>{m(result.baseTotalMinor)}</strong> · {t('payouts:variantTotal')}: <strong>{m(result.variantTotalMinor)}</strong> · {t('payouts:difference')}:{' '}
            <strong>{m(result.differenceMinor)}</strong>
          </p>
          <PopulationNote population={result.population} testId="whatif-population" />
          <table className="compact">
            <thead>
              <tr><th>{t('payouts:field.partnerCode')}</th><th>{t('payouts:field.partnerName')}</th><th>{t('payouts:baseTotal')}</th><th>{t('payouts:variantTotal')}</th><th>{t('payouts:difference')}</th></tr>
            </thead>
            <tbody>
              {result.partners.filter((p) => p.differenceMinor !== 0).slice(0, 200).map((p) => (
                <tr key={p.partnerId}><td>{p.partnerCode}</td><td>{p.partnerName}</td><td className="num">{m(p.baseMinor)}</td><td className="num">{m(p.variantMinor)}</td><td className="num">{m(p.differenceMinor)}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="actions">
        <div className="spacer" />
        <button onClick={onClose}>{t('common:actions.close')}</button>
        <button className="primary" onClick={() => void compare()} data-testid="whatif-run">{t('payouts:whatIfRun')}</button>
      </div>
    </Modal>
  );
}
