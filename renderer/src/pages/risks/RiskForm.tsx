import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useRiskText } from '../../riskText';
import { RISK_CATEGORIES, RISK_STATUSES, RISK_TREATMENTS } from '../../../../shared/enums';
import { riskActionFields, riskFields, type RiskActionInput, type RiskHistoryEntry, type RiskListRow } from '../../../../electron/contract/risks';
import { useMutationOp, useOp } from '../../api/hooks';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Modal } from '../../components/Modal';
import { useFieldErrorText } from '../../validation';
import { SCALE } from './riskUi';
import { formatDateTime } from '../../format';
import { RiskEvidence } from '../inventory/RiskEvidence';

interface Values {
  title: string;
  description: string;
  category: string;
  partnerId: string;
  likelihood: string;
  impact: string;
  residualLikelihood: string;
  residualImpact: string;
  owner: string;
  treatment: string;
  status: string;
  nextReviewOn: string;
}

/** `words`: the risk's title and description in the app's language (a risk the workbench raised is stored as a text code). */
function toValues(r: RiskListRow | null, words: { title: string; description: string | null } | null): Values {
  const s = (v: unknown) => (v == null ? '' : String(v));
  return {
    title: s(words?.title),
    description: s(words?.description),
    category: r?.category ?? 'channel_conflict',
    partnerId: s(r?.partnerId),
    likelihood: s(r?.likelihood ?? 3),
    impact: s(r?.impact ?? 3),
    residualLikelihood: s(r?.residualLikelihood),
    residualImpact: s(r?.residualImpact),
    owner: s(r?.owner),
    treatment: s(r?.treatment),
    status: r?.status ?? 'open',
    nextReviewOn: s(r?.nextReviewOn),
  };
}

type ActionDraft = { id?: number; description: string; owner: string; dueOn: string; doneOn: string };

function toFields(v: Values) {
  const opt = (x: string) => (x.trim() === '' ? null : x.trim());
  const num = (x: string) => (x === '' ? null : Number(x));
  return {
    title: v.title.trim(),
    description: opt(v.description),
    category: v.category,
    partnerId: num(v.partnerId),
    likelihood: Number(v.likelihood),
    impact: Number(v.impact),
    residualLikelihood: num(v.residualLikelihood),
    residualImpact: num(v.residualImpact),
    owner: opt(v.owner),
    treatment: opt(v.treatment),
    status: v.status,
    nextReviewOn: opt(v.nextReviewOn),
  };
}

/** Create/edit a risk with its mitigation actions; shows the change history of an existing one. */
export function RiskForm({ id, readOnly, onClose }: { id: number | null; readOnly?: boolean; onClose: () => void }) {
  const { t } = useTranslation(['risks', 'common']);
  const fieldErrorText = useFieldErrorText();
  const detail = useOp('risks.get', { id: id ?? 0 }, { enabled: id != null });
  const partners = useOp('partners.list', {});
  const save = useMutationOp('risks.save');
  const close = useMutationOp('risks.close');
  const wordsOf = useRiskText();
  const [values, setValues] = useState<Values>(() => toValues(null, null));
  const [actions, setActions] = useState<ActionDraft[]>([]);
  const [loaded, setLoaded] = useState(id == null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    if (id != null && detail.data && !loaded) {
      setValues(toValues(detail.data.risk, wordsOf(detail.data.risk)));
      setActions(detail.data.actions.map((a) => ({ id: a.id, description: a.description, owner: a.owner ?? '', dueOn: a.dueOn ?? '', doneOn: a.doneOn ?? '' })));
      setLoaded(true);
    }
  }, [id, detail.data, loaded, wordsOf]);

  const risk = detail.data?.risk ?? null;
  const busy = save.isPending || close.isPending;
  const set = (k: keyof Values) => (e: { target: { value: string } }) => {
    setValues({ ...values, [k]: e.target.value });
    if (fieldErrors[k]) setFieldErrors(({ [k]: _, ...rest }) => rest);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const fields = toFields(values);
    const parsed = riskFields.safeParse(fields);
    const actionInputs: RiskActionInput[] = actions
      .filter((a) => a.description.trim() !== '' || a.id != null)
      .map((a) => ({ ...(a.id != null ? { id: a.id } : {}), description: a.description.trim(), owner: a.owner.trim() || null, dueOn: a.dueOn || null, doneOn: a.doneOn || null }));
    const errs: Record<string, string> = {};
    if (!parsed.success) Object.assign(errs, fieldErrorText(parsed.error, (f) => t(`risks:field.${f === 'partnerId' ? 'partner' : f}`)));
    actionInputs.forEach((a, n) => {
      const r = riskActionFields.safeParse(a);
      if (!r.success) errs[`action${n}`] = Object.values(fieldErrorText(r.error, (f) => t(`risks:actions.${f}`))).join(t('common:validation.separator'));
    });
    setFieldErrors(errs);
    if (Object.keys(errs).length) return;
    try {
      await save.mutateAsync({ ...(id != null ? { id } : {}), fields: fields as never, actions: actionInputs });
      onClose();
    } catch {
      /* shown by ErrorBanner */
    }
  };

  const field = (k: keyof Values, control: React.ReactNode, span2 = false) => (
    <label className={span2 ? 'span2' : undefined}>
      <span>{t(`risks:field.${k === 'partnerId' ? 'partner' : k}`)}</span>
      {control}
      {fieldErrors[k] && <small className="field-error">{fieldErrors[k]}</small>}
    </label>
  );
  const scaleSelect = (k: keyof Values, labels: 'likelihoodLabel' | 'impactLabel', optional = false) => (
    <select name={k} value={values[k]} onChange={set(k)} disabled={readOnly} data-testid={`risk-${k}`}>
      {optional && <option value="">{t('risks:notAssessed')}</option>}
      {SCALE.map((n) => (
        <option key={n} value={n}>{t(`risks:${labels}.${n}`)}</option>
      ))}
    </select>
  );

  return (
    <Modal title={risk ? t('risks:edit', { code: risk.code }) : t('risks:new')} onClose={onClose} testId="risk-form" wide>
      {id != null && !loaded ? (
        <p className="muted">{t('common:state.loading')}</p>
      ) : (
        <form noValidate onSubmit={(e) => void submit(e)} className="form-grid">
          {field('title', <input name="title" value={values.title} onChange={set('title')} disabled={readOnly} data-testid="risk-title" />, true)}
          {field('description', <textarea name="description" rows={2} value={values.description} onChange={set('description')} disabled={readOnly} />, true)}
          {field(
            'category',
            <select name="category" value={values.category} onChange={set('category')} disabled={readOnly} data-testid="risk-category">
              {RISK_CATEGORIES.map((c) => (
                <option key={c} value={c}>{t(`risks:category.${c}`)}</option>
              ))}
            </select>,
          )}
          {field(
            'partnerId',
            <select name="partnerId" value={values.partnerId} onChange={set('partnerId')} disabled={readOnly} data-testid="risk-partner">
              <option value="">{t('risks:noPartner')}</option>
              {partners.data?.rows.map((p) => (
                <option key={p.id} value={p.id}>{p.code} {p.name}</option>
              ))}
            </select>,
          )}
          {field('likelihood', scaleSelect('likelihood', 'likelihoodLabel'))}
          {field('impact', scaleSelect('impact', 'impactLabel'))}
          {field('residualLikelihood', scaleSelect('residualLikelihood', 'likelihoodLabel', true))}
          {field('residualImpact', scaleSelect('residualImpact', 'impactLabel', true))}
          {field('owner', <input name="owner" value={values.owner} onChange={set('owner')} disabled={readOnly} data-testid="risk-owner" />)}
          {field(
            'treatment',
            <select name="treatment" value={values.treatment} onChange={set('treatment')} disabled={readOnly}>
              <option value="">{t('risks:none')}</option>
              {RISK_TREATMENTS.map((x) => (
                <option key={x} value={x}>{t(`risks:treatment.${x}`)}</option>
              ))}
            </select>,
          )}
          {field(
            'status',
            <select name="status" value={values.status} onChange={set('status')} disabled={readOnly}>
              {RISK_STATUSES.map((x) => (
                <option key={x} value={x}>{t(`risks:status.${x}`)}</option>
              ))}
            </select>,
          )}
          {field('nextReviewOn', <input type="date" name="nextReviewOn" value={values.nextReviewOn} onChange={set('nextReviewOn')} disabled={readOnly} data-testid="risk-next-review" />)}

          {risk?.ruleCode?.startsWith('inventory:') && <RiskEvidence riskId={risk.id} />}

          <div className="span2">
            <h2>{t('risks:actions.title')}</h2>
            {actions.length === 0 && <p className="muted">{t('risks:actions.none')}</p>}
            {actions.length > 0 && (
              <table className="risk-actions-table">
                <thead>
                  <tr>
                    <th>{t('risks:actions.description')}</th>
                    <th>{t('risks:actions.owner')}</th>
                    <th>{t('risks:actions.dueOn')}</th>
                    <th>{t('risks:actions.doneOn')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {actions.map((a, n) => {
                    const upd = (k: keyof ActionDraft) => (e: { target: { value: string } }) => setActions(actions.map((x, j) => (j === n ? { ...x, [k]: e.target.value } : x)));
                    return (
                      <tr key={a.id ?? `new-${n}`}>
                        <td>
                          <input value={a.description} onChange={upd('description')} disabled={readOnly} data-testid={`risk-action-${n}-description`} />
                          {fieldErrors[`action${n}`] && <small className="field-error">{fieldErrors[`action${n}`]}</small>}
                        </td>
                        <td><input value={a.owner} onChange={upd('owner')} disabled={readOnly} /></td>
                        <td><input type="date" value={a.dueOn} onChange={upd('dueOn')} disabled={readOnly} /></td>
                        <td><input type="date" value={a.doneOn} onChange={upd('doneOn')} disabled={readOnly} /></td>
                        <td>
                          {!readOnly && (
                            <button type="button" onClick={() => setActions(actions.filter((_, j) => j !== n))}>{t('risks:actions.remove')}</button>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
            {!readOnly && (
              <button type="button" onClick={() => setActions([...actions, { description: '', owner: values.owner, dueOn: '', doneOn: '' }])} data-testid="risk-action-add">
                {t('risks:actions.add')}
              </button>
            )}
          </div>

          {detail.data && (
            <div className="span2">
              <h2>{t('risks:history.title')}</h2>
              <HistoryList history={detail.data.history} />
            </div>
          )}

          <div className="span2">
            <ErrorBanner error={save.error ?? close.error ?? detail.error} />
          </div>
          <div className="actions span2">
            {risk && risk.status !== 'closed' && !readOnly && (
              <button type="button" className="danger" disabled={busy} onClick={() => window.confirm(t('risks:confirmClose', { code: risk.code })) && close.mutate({ id: risk.id }, { onSuccess: onClose })}>
                {t('risks:close')}
              </button>
            )}
            <div className="spacer" />
            <button type="button" onClick={onClose}>{readOnly ? t('common:actions.close') : t('common:actions.cancel')}</button>
            {!readOnly && (
              <button type="submit" className="primary" disabled={busy} data-testid="risk-save">
                {busy ? t('common:state.saving') : t('common:actions.save')}
              </button>
            )}
          </div>
        </form>
      )}
    </Modal>
  );
}

function HistoryList({ history }: { history: RiskHistoryEntry[] }) {
  const { t } = useTranslation(['risks', 'common']);
  const wordsOf = useRiskText();
  const fmt = (v: unknown) => (v == null || v === '' ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  // A risk the workbench raised keeps its words as a text code in each snapshot: its title and description changes are
  // shown in the app's language from the snapshots before and after (the stored columns hold the zh-CN text).
  const worded = (snapshot: Record<string, unknown> | undefined, k: string, stored: unknown): unknown => {
    if (!snapshot?.textCode || (k !== 'title' && k !== 'description')) return stored;
    const w = wordsOf(snapshot as unknown as Parameters<typeof wordsOf>[0]);
    return k === 'title' ? w.title : w.description;
  };
  return (
    <ul className="history-list" data-testid="risk-history">
      {history.map((h, i) => (
        <li key={h.id}>
          <div className="when">
            {formatDateTime(h.changedAt)} · {h.changedBy}
          </div>
          {Object.entries(h.changes).map(([k, v]) => {
            if (k === 'created') return <div key={k}>{t('history.created')}</div>;
            if (k.startsWith('actions')) {
              const items = v as Array<{ description?: string; to?: { description?: string } }>;
              return (
                <div key={k}>
                  {t(`history.${k}`)}: {items.map((i) => i.description ?? i.to?.description ?? '').join(t('common:validation.separator'))}
                </div>
              );
            }
            const c = v as { from: unknown; to: unknown };
            const label = t(`field.${k}`, { defaultValue: k });
            // The history is newest first: the entry after this one holds the snapshot before the change.
            const from = worded(history[i + 1]?.snapshot, k, c.from);
            const to = worded(h.snapshot, k, c.to);
            return (
              <div key={k}>
                {label}: <code>{fmt(from)}</code> → <code>{fmt(to)}</code>
              </div>
            );
          })}
        </li>
      ))}
    </ul>
  );
}
