import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SETTINGS, type SettingKey } from '../../../../electron/contract/system';
import { useMutationOp, useOp } from '../../api/hooks';
import { ErrorBanner } from '../../components/ErrorBanner';

type FieldType = 'text' | 'month' | 'rate' | 'taxTreatment' | 'language';
const FIELDS: Array<{ key: SettingKey; type: FieldType }> = [
  { key: 'company.name', type: 'text' },
  { key: 'company.nameEn', type: 'text' },
  { key: 'company.creditCode', type: 'text' },
  { key: 'company.address', type: 'text' },
  { key: 'company.bankName', type: 'text' },
  { key: 'company.bankAccount', type: 'text' },
  { key: 'company.logoPath', type: 'text' },
  { key: 'statement.taxTreatment', type: 'taxTreatment' },
  { key: 'statement.taxRate', type: 'rate' },
  { key: 'statement.invoiceRequirement', type: 'text' },
  { key: 'statement.language', type: 'language' },
  { key: 'company.fiscalStartMonth', type: 'month' },
  { key: 'company.timeZone', type: 'text' },
];
/** The form shows the VAT rate in percent; the setting holds the fraction. */
const toForm = (type: FieldType, v: unknown) => (type === 'rate' && typeof v === 'number' ? String(Math.round(v * 10000) / 100) : String(v));
/** What an unset key behaves as, from the settings registry. */
const DEFAULTS: Partial<Record<SettingKey, string>> = Object.fromEntries(
  FIELDS.flatMap((f) => (SETTINGS[f.key].default == null ? [] : [[f.key, toForm(f.type, SETTINGS[f.key].default)]])),
);
const OPTIONS: Partial<Record<FieldType, readonly string[]>> = {
  taxTreatment: SETTINGS['statement.taxTreatment'].schema.options,
  language: ['bilingual', ...SETTINGS['statement.language'].schema.options.filter((o) => o !== 'bilingual')],
};
const fromForm = (type: FieldType, raw: string): string | number => (type === 'month' ? Number(raw) : type === 'rate' ? Number(raw) / 100 : raw.trim());

/** The company profile (statements are refused until it is complete) and the fiscal year start (periods); the user profile has its own section. */
export function GeneralSection() {
  const { t, i18n } = useTranslation(['settings']);
  const monthName = (m: number) => new Intl.DateTimeFormat(i18n.language, { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, m - 1, 1)));
  const list = useOp('system.settings.list', {});
  const profile = useOp('company.profile', {});
  const save = useMutationOp('system.settings.set');
  const [values, setValues] = useState<Record<string, string>>({});
  const dirty = useRef(false);
  const edit = (key: string, value: string) => {
    dirty.current = true;
    setValues((v) => ({ ...v, [key]: value }));
  };
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    // Fill the form from what is stored, but never over what the user is editing (saving another section refetches).
    if (!list.data || dirty.current) return;
    const current = Object.fromEntries(list.data.map((s) => [s.key, s.value]));
    setValues(Object.fromEntries(FIELDS.map((f) => [f.key, current[f.key] == null ? (DEFAULTS[f.key] ?? '') : toForm(f.type, current[f.key])])));
  }, [list.data]);

  const submit = async () => {
    setSaved(false);
    const stored = Object.fromEntries((list.data ?? []).map((s) => [s.key, s.value]));
    for (const f of FIELDS) {
      const raw = values[f.key] ?? '';
      if (raw.trim() === '') continue;
      const value = fromForm(f.type, raw);
      if (value === stored[f.key] || (stored[f.key] == null && raw === DEFAULTS[f.key])) continue;
      await save.mutateAsync({ key: f.key, value });
    }
    dirty.current = false;
    setSaved(true);
    void profile.refetch();
  };

  return (
    <section data-testid="settings-general">
      <h2>{t('settings:general.title')}</h2>
      {profile.data && profile.data.missing.length > 0 && (
        <p className="notice" data-testid="company-missing">
          {t('settings:general.missing', { fields: profile.data.missing.map((f) => t(`settings:general.field.${f}`)).join(t('settings:general.listSeparator')) })}
        </p>
      )}
      <div className="form-grid">
        {FIELDS.map((f) => (
          <label key={f.key}>
            <span>{t(`settings:general.${f.key}`)}</span>
            {OPTIONS[f.type] ? (
              <select value={values[f.key] ?? ''} onChange={(e) => edit(f.key, e.target.value)} name={f.key}>
                {OPTIONS[f.type]!.map((o) => (
                  <option key={o} value={o}>
                    {t(`settings:general.option.${o}`)}
                  </option>
                ))}
              </select>
            ) : f.type === 'month' ? (
              <select value={values[f.key] ?? '1'} onChange={(e) => edit(f.key, e.target.value)} name={f.key}>
                {Array.from({ length: 12 }, (_, i) => (
                  <option key={i + 1} value={String(i + 1)}>
                    {monthName(i + 1)}
                  </option>
                ))}
              </select>
            ) : (
              <input name={f.key} value={values[f.key] ?? ''} onChange={(e) => edit(f.key, e.target.value)} />
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
