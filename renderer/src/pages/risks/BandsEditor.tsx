import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutationOp, useOp } from '../../api/hooks';
import { ErrorBanner } from '../../components/ErrorBanner';
import { DialogForm, Modal } from '../../components/Modal';

type Band = { level: 'low' | 'medium' | 'high' | 'critical'; min: number; max: number };

/** Edits the level bands (settings 'risk.bands'); every risk is re-levelled from them when read. */
export function BandsEditor({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation(['risks', 'common']);
  const current = useOp('risks.bands.get', {});
  const save = useMutationOp('risks.bands.set');
  const [bands, setBands] = useState<Band[] | null>(null);
  useEffect(() => {
    if (current.data && !bands) setBands(current.data.bands.map((b) => ({ ...b })));
  }, [current.data, bands]);

  const set = (i: number, k: 'min' | 'max', v: string) => setBands((bs) => bs!.map((b, j) => (j === i ? { ...b, [k]: Number(v) } : b)));
  return (
    <Modal title={t('risks:bands.title')} onClose={onClose} testId="risk-bands-form">
      <DialogForm onSubmit={() => bands && save.mutate({ bands }, { onSuccess: onClose })}>
      <p className="muted">{t('risks:bands.hint')}</p>
      {bands && (
        <table className="bands-table">
          <thead>
            <tr>
              <th />
              <th>{t('risks:bands.min')}</th>
              <th>{t('risks:bands.max')}</th>
            </tr>
          </thead>
          <tbody>
            {bands.map((b, i) => (
              <tr key={b.level}>
                <td><span className={`level-pill level-${b.level}`}>{t(`risks:level.${b.level}`)}</span></td>
                <td><input type="number" min={1} max={25} value={b.min} onChange={(e) => set(i, 'min', e.target.value)} data-testid={`band-${b.level}-min`} /></td>
                <td><input type="number" min={1} max={25} value={b.max} onChange={(e) => set(i, 'max', e.target.value)} data-testid={`band-${b.level}-max`} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ErrorBanner error={save.error ?? current.error} />
      <div className="actions">
        <button type="button" onClick={() => current.data && setBands(current.data.defaults.map((b) => ({ ...b })))}>{t('risks:bands.reset')}</button>
        <div className="spacer" />
        <button type="button" onClick={onClose}>{t('common:actions.cancel')}</button>
        <button type="submit" className="primary" disabled={!bands || save.isPending} data-testid="risk-bands-save">
          {t('common:actions.save')}
        </button>
      </div>
      </DialogForm>
    </Modal>
  );
}
