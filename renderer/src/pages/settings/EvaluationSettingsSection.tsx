import { PopulationNote } from '../../components/PopulationNote';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTerritories } from '../../territories';
import { CHANNEL_TYPES, EVALUATION_CYCLES, TIERS, type EvaluationCycle } from '../../../../shared/enums';
import { SCORE_PARTS, type EvaluationSettingsDoc, type Schedule, type ScheduleInput } from '../../../../electron/contract/evaluations';
import { useMutationOp, useOp } from '../../api/hooks';
import { ErrorBanner } from '../../components/ErrorBanner';
import { DialogForm, Modal } from '../../components/Modal';
import './evaluationSettings.css';

/**
 * Settings → evaluations: the evaluation schedules (list, add, edit, delete through 'schedules.*') and the rules every
 * evaluation runs under — health-score weights, grade bands, tier rules and risk rules ('evaluations.settings.get/set',
 * validated by the contract), each shown with its default.
 */
export function EvaluationSettingsSection() {
  return (
    <>
      <SchedulesEditor />
      <RulesEditor />
    </>
  );
}

// ---------------------------------------------------------------- schedules

/** The form's draft of a schedule: the days as typed, the lists as ticked (checked by the schema on save). */
type ScheduleDraft = Omit<ScheduleInput, 'lagDays' | 'tiers' | 'channelTypes' | 'regions'> & { lagDays: string; tiers: string[]; channelTypes: string[]; regions: string[] };

const NEW_SCHEDULE: ScheduleDraft = { name: '', cycle: 'quarterly', tiers: [], channelTypes: [], regions: [], lagDays: '5', enabled: true };

function SchedulesEditor() {
  const { t } = useTranslation(['evaluationSettings', 'common']);
  const list = useOp('evaluations.schedules.list', {});
  const remove = useMutationOp('evaluations.schedules.delete');
  const [editing, setEditing] = useState<ScheduleDraft | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<number | null>(null);

  const territories = useTerritories();
  const names = (values: string[], ns: string) =>
    values.length ? values.map((v) => (ns === 'region' ? territories.name(v) : t(`common:${ns}.${v}`))).join(', ') : t('evaluationSettings:schedules.all');
  return (
    <section data-testid="settings-schedules">
      <h2>{t('evaluationSettings:schedules.title')}</h2>
      <p className="muted">{t('evaluationSettings:schedules.hint')}</p>
      <ErrorBanner error={list.error ?? remove.error} />
      <table className="table" data-testid="schedules-table">
        <thead>
          <tr>
            <th>{t('evaluationSettings:schedules.name')}</th>
            <th>{t('evaluationSettings:schedules.cycle')}</th>
            <th>{t('evaluationSettings:schedules.partners')}</th>
            <th>{t('evaluationSettings:schedules.lagDays')}</th>
            <th>{t('evaluationSettings:schedules.enabled')}</th>
            <th>{t('evaluationSettings:schedules.last')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(list.data ?? []).map((s: Schedule) => (
            <tr key={s.id} data-testid={`schedule-row-${s.id}`}>
              <td data-testid="schedule-name">{s.name}</td>
              <td>{t(`evaluationSettings:cycle.${s.cycle}`)}</td>
              <td>
                {names(s.tiers, 'tier')} · {names(s.channelTypes, 'channelType')} · {names(s.regions, 'region')}
              </td>
              <td>{s.lagDays}</td>
              <td>{s.enabled ? t('evaluationSettings:schedules.yes') : t('evaluationSettings:schedules.no')}</td>
              <td>
                {s.lastPeriod ? `${s.lastPeriod} · ${t(`evaluationSettings:outcome.${s.lastOutcome ?? 'running'}`)}` : '—'}
                <PopulationNote population={s.lastPopulation} testId="schedule-population" />
              </td>
              <td className="row-actions">
                <button
                  type="button"
                  onClick={() => setEditing({ id: s.id, name: s.name, cycle: s.cycle, tiers: s.tiers, channelTypes: s.channelTypes, regions: s.regions, lagDays: String(s.lagDays), enabled: s.enabled })}
                  data-testid="schedule-edit"
                >
                  {t('common:actions.edit')}
                </button>
                {confirmDelete === s.id ? (
                  <button type="button" className="danger" onClick={() => remove.mutate({ id: s.id }, { onSettled: () => setConfirmDelete(null) })} data-testid="schedule-delete-confirm">
                    {t('evaluationSettings:schedules.confirmDelete')}
                  </button>
                ) : (
                  <button type="button" onClick={() => setConfirmDelete(s.id)} data-testid="schedule-delete">
                    {t('common:actions.delete')}
                  </button>
                )}
              </td>
            </tr>
          ))}
          {list.data?.length === 0 && (
            <tr>
              <td colSpan={7} className="muted">
                {t('evaluationSettings:schedules.none')}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <div className="actions">
        <button type="button" className="primary" onClick={() => setEditing({ ...NEW_SCHEDULE })} data-testid="schedule-add">
          {t('evaluationSettings:schedules.add')}
        </button>
      </div>
      {editing && <ScheduleForm draft={editing} onClose={() => setEditing(null)} />}
    </section>
  );
}

function ScheduleForm({ draft, onClose }: { draft: ScheduleDraft; onClose: () => void }) {
  const { t } = useTranslation(['evaluationSettings', 'common']);
  const save = useMutationOp('evaluations.schedules.save');
  const [d, setD] = useState<ScheduleDraft>(draft);
  const toggle = (k: 'tiers' | 'channelTypes' | 'regions', v: string) => setD({ ...d, [k]: d[k].includes(v) ? d[k].filter((x) => x !== v) : [...d[k], v] });
  const submit = () =>
    save.mutate(
      {
        ...(d.id !== undefined ? { id: d.id } : {}),
        name: d.name,
        cycle: d.cycle,
        tiers: d.tiers as never,
        channelTypes: d.channelTypes as never,
        regions: d.regions as never,
        lagDays: Number(d.lagDays),
        enabled: d.enabled,
      },
      { onSuccess: onClose },
    );
  const territories = useTerritories();
  const group = (k: 'tiers' | 'channelTypes' | 'regions', values: readonly string[], ns: string) => (
    <fieldset className="checks" data-testid={`schedule-${k}`}>
      <legend>
        {t(`evaluationSettings:schedules.${k}`)} <span className="muted">({t('evaluationSettings:schedules.emptyAll')})</span>
      </legend>
      {values.map((v) => (
        <label key={v} className="inline">
          <input type="checkbox" checked={d[k].includes(v)} onChange={() => toggle(k, v)} value={v} /> {ns === 'region' ? territories.name(v) : t(`common:${ns}.${v}`)}
        </label>
      ))}
    </fieldset>
  );
  return (
    <Modal title={d.id ? t('evaluationSettings:schedules.editTitle') : t('evaluationSettings:schedules.addTitle')} onClose={onClose} testId="schedule-form" wide>
      <DialogForm onSubmit={submit}>
      <div className="form-grid">
        <label>
          <span>{t('evaluationSettings:schedules.name')}</span>
          <input value={d.name} maxLength={200} onChange={(e) => setD({ ...d, name: e.target.value })} data-testid="schedule-form-name" />
        </label>
        <label>
          <span>{t('evaluationSettings:schedules.cycle')}</span>
          <select value={d.cycle} onChange={(e) => setD({ ...d, cycle: e.target.value as EvaluationCycle })} data-testid="schedule-form-cycle">
            {EVALUATION_CYCLES.map((c) => (
              <option key={c} value={c}>
                {t(`evaluationSettings:cycle.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('evaluationSettings:schedules.lagDays')}</span>
          <input type="number" min={0} max={365} value={d.lagDays} onChange={(e) => setD({ ...d, lagDays: e.target.value })} data-testid="schedule-form-lag" />
        </label>
        <label className="inline">
          <input type="checkbox" checked={d.enabled} onChange={(e) => setD({ ...d, enabled: e.target.checked })} data-testid="schedule-form-enabled" /> {t('evaluationSettings:schedules.enabled')}
        </label>
      </div>
      <p className="muted">{t('evaluationSettings:schedules.lagHint')}</p>
      {group('tiers', TIERS, 'tier')}
      {group('channelTypes', CHANNEL_TYPES, 'channelType')}
      {group('regions', [...new Set([...territories.rows.filter((r) => r.parent === null).map((r) => r.code), ...d.regions])], 'region')}
      <ErrorBanner error={save.error} />
      <div className="actions">
        <div className="spacer" />
        <button type="button" onClick={onClose}>
          {t('common:actions.cancel')}
        </button>
        <button type="submit" className="primary" disabled={save.isPending} data-testid="schedule-form-save">
          {t('common:actions.save')}
        </button>
      </div>
      </DialogForm>
    </Modal>
  );
}

// ---------------------------------------------------------------- rules

type Unit = 'number' | 'percent' | 'int' | 'score';
interface RuleField {
  /** Dotted path in the settings document, e.g. 'tierRules.upgrade.minAttainment'. */
  path: string;
  unit: Unit;
  max?: number;
}

const WEIGHT_FIELDS: RuleField[] = SCORE_PARTS.map((p) => ({ path: `weights.${p}`, unit: 'number', max: 1000 }));
const GRADE_FIELDS: RuleField[] = (['A', 'B', 'C'] as const).map((g) => ({ path: `gradeBands.${g}`, unit: 'number', max: 100 }));
const TIER_FIELDS: RuleField[] = [
  { path: 'tierRules.consecutivePeriods', unit: 'int', max: 12 },
  { path: 'tierRules.upgrade.minAttainment', unit: 'percent', max: 1000 },
  { path: 'tierRules.upgrade.minScore', unit: 'number', max: 100 },
  { path: 'tierRules.downgrade.maxAttainment', unit: 'percent', max: 1000 },
];
const RISK_RULES = ['revenue_drop', 'low_attainment', 'low_satisfaction', 'expired_certifications', 'low_retention'] as const;
const RISK_UNITS: Record<(typeof RISK_RULES)[number], Unit> = { revenue_drop: 'percent', low_attainment: 'percent', low_satisfaction: 'score', expired_certifications: 'int', low_retention: 'percent' };
const RISK_FIELDS: RuleField[] = RISK_RULES.map((r) => ({ path: `riskRules.${r}.threshold`, unit: RISK_UNITS[r] }));
const ALL_FIELDS = [...WEIGHT_FIELDS, ...GRADE_FIELDS, ...TIER_FIELDS, ...RISK_FIELDS];

const getIn = (doc: unknown, path: string): unknown => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], doc);
function setIn(doc: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let o = doc;
  for (const k of keys.slice(0, -1)) o = (o[k] ??= {}) as Record<string, unknown>;
  o[keys.at(-1)!] = value;
}
/** Shown value: ratios as percentages (1.1 → 110), without floating-point noise. */
const toText = (v: unknown, unit: Unit) => (typeof v === 'number' ? String(unit === 'percent' ? Math.round(v * 1e6) / 1e4 : v) : '');
const fromText = (s: string, unit: Unit) => (s.trim() === '' ? NaN : unit === 'percent' ? Number(s) / 100 : Number(s));

interface RulesForm {
  values: Record<string, string>;
  enabled: Record<string, boolean>;
}
function toForm(doc: EvaluationSettingsDoc): RulesForm {
  return {
    values: Object.fromEntries(ALL_FIELDS.map((f) => [f.path, toText(getIn(doc, f.path), f.unit)])),
    enabled: Object.fromEntries(RISK_RULES.map((r) => [r, doc.riskRules[r].enabled])),
  };
}
function toDoc(form: RulesForm): EvaluationSettingsDoc {
  const doc: Record<string, unknown> = {};
  for (const f of ALL_FIELDS) setIn(doc, f.path, fromText(form.values[f.path] ?? '', f.unit));
  for (const r of RISK_RULES) setIn(doc, `riskRules.${r}.enabled`, form.enabled[r]);
  return doc as unknown as EvaluationSettingsDoc;
}

function RulesEditor() {
  const { t } = useTranslation(['evaluationSettings', 'common']);
  const current = useOp('evaluations.settings.get', {});
  const save = useMutationOp('evaluations.settings.set');
  const [form, setForm] = useState<RulesForm | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (current.data) setForm(toForm(current.data.settings));
  }, [current.data]);
  const defaults = current.data?.defaults;

  const input = (f: RuleField) => {
    const key = f.path.replace(/\./g, '-');
    const suffix = f.unit === 'percent' ? '%' : '';
    return (
      <label key={f.path}>
        <span>
          {t(`evaluationSettings:field.${f.path}`)}{' '}
          <em className="muted" data-testid={`default-${key}`}>
            {t('evaluationSettings:rules.default', { value: `${toText(getIn(defaults, f.path), f.unit)}${suffix}` })}
          </em>
        </span>
        <span className="input-unit">
          <input
            type="number"
            min={0}
            max={f.max}
            step={f.unit === 'int' ? 1 : 'any'}
            value={form?.values[f.path] ?? ''}
            onChange={(e) => {
              setSaved(false);
              setForm((x) => x && { ...x, values: { ...x.values, [f.path]: e.target.value } });
            }}
            data-testid={`rule-${key}`}
          />
          {suffix}
        </span>
      </label>
    );
  };
  const weightSum = form ? WEIGHT_FIELDS.reduce((s, f) => s + (Number(form.values[f.path]) || 0), 0) : 0;

  return (
    <section data-testid="settings-evaluation-rules">
      <h2>{t('evaluationSettings:rules.title')}</h2>
      <p className="muted">{t('evaluationSettings:rules.hint')}</p>
      <ErrorBanner error={current.error} />
      {form && (
        <>
          <h3>{t('evaluationSettings:rules.weights')}</h3>
          <p className="muted">{t('evaluationSettings:explain.weights', { total: weightSum })}</p>
          <div className="form-grid">{WEIGHT_FIELDS.map(input)}</div>

          <h3>{t('evaluationSettings:rules.gradeBands')}</h3>
          <p className="muted">{t('evaluationSettings:explain.gradeBands')}</p>
          <div className="form-grid">{GRADE_FIELDS.map(input)}</div>

          <h3>{t('evaluationSettings:rules.tierRules')}</h3>
          <p className="muted">{t('evaluationSettings:explain.tierRules')}</p>
          <div className="form-grid">{TIER_FIELDS.map(input)}</div>

          <h3>{t('evaluationSettings:rules.riskRules')}</h3>
          <p className="muted">{t('evaluationSettings:explain.riskRules')}</p>
          <div className="form-grid">
            {RISK_RULES.map((r, i) => (
              <div key={r} className="rule-row">
                <label className="inline">
                  <input
                    type="checkbox"
                    checked={form.enabled[r]}
                    onChange={(e) => {
                      setSaved(false);
                      setForm((x) => x && { ...x, enabled: { ...x.enabled, [r]: e.target.checked } });
                    }}
                    data-testid={`rule-enabled-${r}`}
                  />{' '}
                  {t('evaluationSettings:rules.enabled')}
                </label>
                {input(RISK_FIELDS[i])}
              </div>
            ))}
          </div>
        </>
      )}
      <ErrorBanner error={save.error} />
      <div className="actions">
        <button type="button" disabled={!defaults} onClick={() => defaults && (setSaved(false), setForm(toForm(defaults)))} data-testid="rules-reset">
          {t('evaluationSettings:rules.reset')}
        </button>
        <button
          type="button"
          className="primary"
          disabled={!form || save.isPending}
          onClick={() => form && save.mutate(toDoc(form), { onSuccess: () => setSaved(true) })}
          data-testid="rules-save"
        >
          {t('common:actions.save')}
        </button>
        {saved && !save.error && (
          <span className="ok" data-testid="rules-saved">
            {t('evaluationSettings:rules.saved')}
          </span>
        )}
      </div>
    </section>
  );
}
