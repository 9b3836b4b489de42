import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { inventoryRulesSchema, type InventoryRules } from '../../../../electron/contract/inventory';
import { useMutationOp, useOp } from '../../api/hooks';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useFieldErrorText } from '../../validation';

type NumberRule = Exclude<keyof InventoryRules, 'autoRisks'>;
/** Shares are shown in percent; the rules hold fractions. */
const FIELDS: Array<{ key: NumberRule; percent?: boolean }> = [
  { key: 'stuffingGapPoints' },
  { key: 'doiLimitDays' },
  { key: 'notReportedDays' },
  { key: 'crossTerritoryShareLimit', percent: true },
  { key: 'belowFloorShareLimit', percent: true },
];
const toForm = (v: number, percent?: boolean) => String(percent ? Math.round(v * 1e6) / 1e4 : v);
const fromForm = (raw: string, percent?: boolean) => (raw.trim() === '' ? NaN : percent ? Number(raw) / 100 : Number(raw));

/** The channel inventory rules (库存与动销规则): stuffing signal, DOI limit, not-reported days, the auto-risks and their limits. */
export function InventoryRulesSection() {
  const { t } = useTranslation(['settings']);
  const fieldErrorText = useFieldErrorText();
  const rules = useOp('inventory.rules.get', {});
  const save = useMutationOp('inventory.rules.set');
  const [values, setValues] = useState<Record<string, string>>({});
  const dirty = useRef(false);
  const edit = (key: string, value: string) => {
    dirty.current = true;
    setValues((v) => ({ ...v, [key]: value }));
  };
  const [autoRisks, setAutoRisks] = useState(true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    // Fill the form from what is stored, but never over what the user is editing (saving another section refetches).
    if (!rules.data || dirty.current) return;
    setValues(Object.fromEntries(FIELDS.map((f) => [f.key, toForm(rules.data[f.key], f.percent)])));
    setAutoRisks(rules.data.autoRisks);
  }, [rules.data]);

  const submit = async () => {
    setSaved(false);
    const next = { autoRisks, ...Object.fromEntries(FIELDS.map((f) => [f.key, fromForm(values[f.key] ?? '', f.percent)])) };
    const parsed = inventoryRulesSchema.safeParse(next);
    if (!parsed.success) {
      setErrors(fieldErrorText(parsed.error, (k) => t(`settings:inventoryRules.${k}`)));
      return;
    }
    setErrors({});
    await save.mutateAsync(parsed.data);
    dirty.current = false;
    setSaved(true);
  };

  return (
    <section data-testid="settings-inventory-rules">
      <h2>{t('settings:inventoryRules.title')}</h2>
      <p className="muted">{t('settings:inventoryRules.help')}</p>
      <div className="form-grid">
        {FIELDS.map((f) => (
          <label key={f.key}>
            <span>{t(`settings:inventoryRules.${f.key}`)}</span>
            <input
              name={f.key}
              type="number"
              step="any"
              value={values[f.key] ?? ''}
              onChange={(e) => {
                edit(f.key, e.target.value);
                if (errors[f.key]) setErrors(({ [f.key]: _, ...rest }) => rest);
              }}
              data-testid={`inventory-rule-${f.key}`}
            />
            <small className="muted">{t(`settings:inventoryRules.${f.key}Help`)}</small>
            {errors[f.key] && <small className="field-error">{errors[f.key]}</small>}
          </label>
        ))}
        <label className="checkbox">
          <input type="checkbox" name="autoRisks" checked={autoRisks} onChange={(e) => { dirty.current = true; setAutoRisks(e.target.checked); }} data-testid="inventory-rule-autoRisks" />
          <span>{t('settings:inventoryRules.autoRisks')}</span>
        </label>
      </div>
      <ErrorBanner error={save.error ?? rules.error} />
      <div className="actions">
        <button className="primary" onClick={() => void submit().catch(() => undefined)} disabled={save.isPending || !rules.data} data-testid="inventory-rules-save">
          {t('settings:inventoryRules.save')}
        </button>
        {saved && !save.error && <span className="ok">{t('settings:inventoryRules.saved')}</span>}
      </div>
    </section>
  );
}
