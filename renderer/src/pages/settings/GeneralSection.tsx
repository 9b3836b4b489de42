import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KnownSettingKey } from '../../../../electron/contract/settingKeys';
import { useMutationOp, useOp } from '../../api/hooks';
import { ErrorBanner } from '../../components/ErrorBanner';

const FIELDS: Array<{ key: KnownSettingKey; type: 'text' | 'month' }> = [
  { key: 'company.name', type: 'text' },
  { key: 'company.nameEn', type: 'text' },
  { key: 'company.logoPath', type: 'text' },
  { key: 'company.fiscalStartMonth', type: 'month' },
  { key: 'company.timeZone', type: 'text' },
];

/** Company details (statements) and the fiscal year start (periods); the user profile has its own section. */
export function GeneralSection() {
  const { t, i18n } = useTranslation(['settings']);
  const monthName = (m: number) => new Intl.DateTimeFormat(i18n.language, { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, m - 1, 1)));
  const list = useOp('settings.list', {});
  const save = useMutationOp('settings.set');
  const [values, setValues] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (!list.data) return;
    const current = Object.fromEntries(list.data.map((s) => [s.key, s.value]));
    setValues(Object.fromEntries(FIELDS.map((f) => [f.key, current[f.key] == null ? (f.type === 'month' ? '1' : '') : String(current[f.key])])));
  }, [list.data]);

  const submit = async () => {
    setSaved(false);
    const stored = Object.fromEntries((list.data ?? []).map((s) => [s.key, s.value]));
    for (const f of FIELDS) {
      const raw = values[f.key] ?? '';
      const value = f.type === 'month' ? Number(raw) : raw.trim();
      if (value === '' || value === (stored[f.key] ?? (f.type === 'month' ? 1 : ''))) continue;
      await save.mutateAsync({ key: f.key, value });
    }
    setSaved(true);
  };

  return (
    <section data-testid="settings-general">
      <h2>{t('settings:general.title')}</h2>
      <div className="form-grid">
        {FIELDS.map((f) => (
          <label key={f.key}>
            <span>{t(`settings:general.${f.key}`)}</span>
            {f.type === 'month' ? (
              <select value={values[f.key] ?? '1'} onChange={(e) => setValues({ ...values, [f.key]: e.target.value })} name={f.key}>
                {Array.from({ length: 12 }, (_, i) => (
                  <option key={i + 1} value={String(i + 1)}>
                    {monthName(i + 1)}
                  </option>
                ))}
              </select>
            ) : (
              <input name={f.key} value={values[f.key] ?? ''} onChange={(e) => setValues({ ...values, [f.key]: e.target.value })} />
            )}
          </label>
        ))}
      </div>
      <ErrorBanner error={save.error} />
      <div className="actions">
        <button className="primary" onClick={() => void submit().catch(() => undefined)} disabled={save.isPending} data-testid="settings-general-save">
          {t('settings:general.save')}
        </button>
        {saved && !save.error && <span className="ok">{t('settings:general.saved')}</span>}
      </div>
    </section>
  );
}
