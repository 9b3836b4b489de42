import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMinor } from '../../../../shared/money';
import { useAmountReader } from '../../amountInput';
import { useMutationOp, useOp } from '../../api/hooks';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Modal } from '../../components/Modal';

/** Conflict window, protection days and price floors per product line. */
export function DealSettingsForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation(['deals', 'common']);
  const q = useOp('deals.settings.get', {});
  const save = useMutationOp('deals.settings.set');
  const [v, setV] = useState<{ window: string; protection: string; floors: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const readAmount = useAmountReader();
  useEffect(() => {
    if (q.data && !v) {
      setV({
        window: String(q.data.conflictWindowDays),
        protection: String(q.data.protectionDays),
        floors: Object.entries(q.data.priceFloors).map(([k, m]) => `${k} = ${formatMinor(m, 'CNY')}`).join('\n'),
      });
    }
  }, [q.data, v]);

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    if (!v) return;
    const floors: Record<string, number> = {};
    const lines = v.floors.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i].trim();
      if (!line) continue;
      const m = /^(.+?)\s*[=＝]\s*(.+)$/.exec(line);
      const read = m ? readAmount(m[2], `${t('deals:settings.floors')} (${m[1].trim()})`, { required: true }) : null;
      if (!m || !read || read.minor == null) {
        setError(read?.error ?? t('deals:settings.bad', { line: i + 1 }));
        return;
      }
      const minor = read.minor;
      floors[m[1].trim()] = minor;
    }
    setError(null);
    save.mutate({ conflictWindowDays: Number(v.window), protectionDays: Number(v.protection), priceFloors: floors }, { onSuccess: onClose });
  };

  return (
    <Modal title={t('deals:settings.title')} onClose={onClose} testId="deal-settings">
      <form noValidate onSubmit={submit}>
      {v && (
        <div className="form-grid">
          <label>
            <span>{t('deals:settings.window')}</span>
            <input type="number" min={0} value={v.window} onChange={(e) => setV({ ...v, window: e.target.value })} data-testid="deal-settings-window" />
          </label>
          <label>
            <span>{t('deals:settings.protection')}</span>
            <input type="number" min={1} value={v.protection} onChange={(e) => setV({ ...v, protection: e.target.value })} />
          </label>
          <label className="span2">
            <span>{t('deals:settings.floors')} — {t('deals:settings.floorsHint')}</span>
            <textarea rows={5} value={v.floors} onChange={(e) => setV({ ...v, floors: e.target.value })} />
          </label>
        </div>
      )}
      {error && <div className="error-banner">{error}</div>}
      <ErrorBanner error={save.error ?? q.error} />
      <div className="actions">
        <div className="spacer" />
        <button type="button" onClick={onClose}>{t('common:actions.cancel')}</button>
        <button type="submit" className="primary" disabled={!v || save.isPending}>{t('common:actions.save')}</button>
      </div>
      </form>
    </Modal>
  );
}
