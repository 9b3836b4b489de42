import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useTerritories } from '../../territories';
import { useToday } from '../../today';
import { CHANNEL_TYPES, PARTNER_STATUSES, PERIOD_KINDS, PROGRAM_TYPES, TIERS } from '../../../../shared/enums';
import type { ProgramTemplate, ProgramWithDefinition } from '../../../../electron/contract/incentives';
import { useMutationOp } from '../../api/hooks';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Modal } from '../../components/Modal';
import { MoneyInput } from '../../components/MoneyInput';

type Doc = Record<string, unknown> & { type: string; eligibility?: Record<string, unknown> };

/** A new program: valid for the current calendar year of the workspace clock. */
const empty = (year: string): Doc => ({
  code: '',
  name: '',
  type: 'tiered_rebate',
  periodKind: 'quarter',
  currency: 'CNY',
  validFrom: `${year}-01-01`,
  validTo: `${year}-12-31`,
  basis: 'revenue',
  tiering: 'retroactive',
  tiers: [{ from: 0, rate: 0 }],
  eligibility: { statuses: ['active'] },
});

/** Percent text ↔ fraction without float noise: "2.5" ↔ 0.025. */
const toPct = (v: unknown) => (typeof v === 'number' ? String(Number((v * 100).toFixed(6))) : '');
const fromPct = (s: string) => (s.trim() === '' ? undefined : Number((Number(s) / 100).toFixed(8)));
const num = (s: string) => (s.trim() === '' ? undefined : Number(s));
/** The fields each program type holds besides the common ones (electron/model/programs.ts; its schemas are strict). */
const TYPE_FIELDS: Record<string, readonly string[]> = {
  tiered_rebate: ['basis', 'tiering', 'tiers'],
  target_bonus: ['basis', 'targetMetric', 'bonusAmount', 'threshold', 'accelerator', 'maxAttainment'],
  spiff: ['products', 'categories', 'from', 'to', 'perUnit', 'percent'],
  growth_bonus: ['basis', 'tiering', 'tiers', 'applyTo'],
  ranking_award: ['basis', 'groupBy', 'awards', 'minBasis'],
};
const ALL_TYPE_FIELDS = new Set(Object.values(TYPE_FIELDS).flat());
/** Another type keeps the common fields and those the new type shares (a tiered rebate's tiers become a growth bonus's). */
const withType = (d: Doc, type: string): Doc =>
  Object.fromEntries([...Object.entries(d).filter(([k]) => !ALL_TYPE_FIELDS.has(k) || TYPE_FIELDS[type]?.includes(k)), ['type', type]]) as Doc;
const csv = (s: string) => s.split(/[,，]/).map((x) => x.trim()).filter(Boolean);

/** Program editor: a form for every program type (incl. the tiers table) and a JSON mode for the full program file. */
/**
 * `template`: a new program copied from an HQ template — the editor starts from the template's draft (no code yet);
 * saving makes an ordinary local program, the template itself stays as HQ sent it.
 */
export function ProgramEditor({ program, template, onClose }: { program: ProgramWithDefinition | null; template?: ProgramTemplate; onClose: () => void }) {
  const { t } = useTranslation(['incentives', 'common']);
  const today = useToday();
  const [doc, setDoc] = useState<Doc>(() =>
    program ? (structuredClone(program.definition) as unknown as Doc) : template
        ? // A template that sets its type carries that type's fields; one that does not starts from the blank program.
          ((template.draft.type ? structuredClone(template.draft) : { ...empty(today.slice(0, 4)), ...structuredClone(template.draft) }) as Doc) : empty(today.slice(0, 4)),
  );
  const [json, setJson] = useState<string | null>(null);
  const [jsonError, setJsonError] = useState<string | null>(null);
  const save = useMutationOp('incentives.programs.save');
  // Money fields that hold text that is no amount (by field): saving is refused while any is left.
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [tried, setTried] = useState(false);
  const problemOf = (key: string) => (p: string | null) => setProblems(({ [key]: _, ...rest }) => (p ? { ...rest, [key]: p } : rest));
  const remove = useMutationOp('incentives.programs.delete');
  const set = (k: string, v: unknown) => setDoc((d) => {
    const n = { ...d };
    if (v === undefined || v === '') delete n[k];
    else n[k] = v;
    return n;
  });
  const elig = (doc.eligibility ?? {}) as Record<string, unknown>;
  const setElig = (k: string, v: unknown) => set('eligibility', { ...elig, [k]: v === undefined || (Array.isArray(v) && v.length === 0) ? undefined : v });
  const tiers = (doc.tiers as Array<{ from: number; rate: number }> | undefined) ?? [];
  const growth = doc.type === 'growth_bonus';
  /** Ranking awards in yuan, rank 1 first: one money input per rank (a comma list read 50,000 as two awards). */
  const awards = (doc.awards as number[] | undefined) ?? [];

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    let definition: Doc = doc;
    setTried(true);
    if (json === null && Object.keys(problems).length) return;
    if (json !== null) {
      try {
        definition = JSON.parse(json) as Doc;
      } catch (e) {
        setJsonError(t('incentives:jsonInvalid', { message: (e as Error).message }));
        return;
      }
    }
    try {
      await save.mutateAsync({ definition: JSON.parse(JSON.stringify(definition)) as never });
      onClose();
    } catch {
      /* ErrorBanner shows it, with field paths */
    }
  };

  const territories = useTerritories();
  const checkboxes = (key: string, values: readonly string[], label: (v: string) => string) => {
    const cur = (elig[key] as string[] | undefined) ?? [];
    return (
      <div className="checks">
        {values.map((v) => (
          <label key={v} className="inline">
            <input type="checkbox" checked={cur.includes(v)} onChange={(e) => setElig(key, e.target.checked ? [...cur, v] : cur.filter((x) => x !== v))} /> {label(v)}
          </label>
        ))}
      </div>
    );
  };
  const text = (k: string, type = 'text', extra: Record<string, unknown> = {}) => (
    <input name={k} type={type} value={(doc[k] as string | number | undefined) ?? ''} onChange={(e) => set(k, type === 'number' ? num(e.target.value) : e.target.value)} {...extra} />
  );
  const currency = typeof doc.currency === 'string' && /^[A-Z]{3}$/.test(doc.currency) ? doc.currency : 'CNY';
  const money = (k: string, label: string) => (
    <MoneyInput name={k} value={doc[k] as number | undefined} onChange={(v) => set(k, v)} onProblem={problemOf(k)} label={label} rules={{ currency }} testId={`program-${k}`} />
  );
  const pctInput = (k: string) => <input name={k} type="number" step="any" value={toPct(doc[k])} onChange={(e) => set(k, fromPct(e.target.value))} />;

  return (
    <Modal title={program ? `${t('common:actions.edit')} · ${program.code}` : template ? t('incentives:fromTemplate.title', { name: template.name }) : t('incentives:newProgram')} onClose={onClose} testId="program-editor" wide>
      {template && (
        <p className="hq-note" data-testid="program-template-note">
          {t('incentives:fromTemplate.note', { code: template.code, version: template.version })}
        </p>
      )}
      <div className="actions">
        <div className="spacer" />
        <button type="button" onClick={() => (json === null ? setJson(JSON.stringify(doc, null, 2)) : (() => { try { setDoc(JSON.parse(json) as Doc); setJson(null); setJsonError(null); } catch (e) { setJsonError(t('incentives:jsonInvalid', { message: (e as Error).message })); } })())} data-testid="program-json-toggle">
          {json === null ? t('incentives:editJson') : t('incentives:editForm')}
        </button>
      </div>
      <form noValidate onSubmit={(e) => void submit(e)}>
      {json !== null ? (
        <textarea className="json-editor" rows={24} style={{ width: '100%', fontFamily: 'monospace' }} value={json} onChange={(e) => setJson(e.target.value)} data-testid="program-json" />
      ) : (
        <div className="form-grid">
          <label><span>{t('incentives:field.code')}</span>{text('code', 'text', { disabled: !!program })}</label>
          <label><span>{t('incentives:field.name')}</span>{text('name')}</label>
          <label>
            <span>{t('incentives:field.type')}</span>
            <select name="type" value={doc.type} onChange={(e) => setDoc((d) => withType(d, e.target.value))}>
              {PROGRAM_TYPES.map((v) => <option key={v} value={v}>{t(`incentives:type.${v}`)}</option>)}
            </select>
          </label>
          <label>
            <span>{t('incentives:field.periodKind')}</span>
            <select name="periodKind" value={doc.periodKind as string} onChange={(e) => set('periodKind', e.target.value)}>
              {PERIOD_KINDS.map((v) => <option key={v} value={v}>{t(`incentives:periodKind.${v}`)}</option>)}
            </select>
          </label>
          <label><span>{t('incentives:field.validFrom')}</span>{text('validFrom', 'date')}</label>
          <label><span>{t('incentives:field.validTo')}</span>{text('validTo', 'date')}</label>
          <label><span>{t('incentives:field.currency')}</span>{text('currency')}</label>
          <label><span>{t('incentives:field.cap')}</span>{money('cap', t('incentives:field.cap'))}</label>
          {doc.type !== 'spiff' && (
            <label>
              <span>{t('incentives:field.basis')}</span>
              <select name="basis" value={(doc.basis as string) ?? 'revenue'} onChange={(e) => set('basis', e.target.value)}>
                {(doc.type === 'tiered_rebate' ? ['revenue', 'margin', 'sellThrough'] : ['revenue', 'margin']).map((v) => <option key={v} value={v}>{t(`incentives:basis.${v}`)}</option>)}
              </select>
            </label>
          )}
          {(doc.type === 'tiered_rebate' || growth) && (
            <>
              <label>
                <span>{t('incentives:field.tiering')}</span>
                <select name="tiering" value={(doc.tiering as string) ?? 'retroactive'} onChange={(e) => set('tiering', e.target.value)}>
                  {['retroactive', 'marginal'].map((v) => <option key={v} value={v}>{t(`incentives:tiering.${v}`)}</option>)}
                </select>
              </label>
              {growth && (
                <label>
                  <span>{t('incentives:field.applyTo')}</span>
                  <select name="applyTo" value={(doc.applyTo as string) ?? 'increment'} onChange={(e) => set('applyTo', e.target.value)}>
                    {['increment', 'basis'].map((v) => <option key={v} value={v}>{t(`incentives:applyTo.${v}`)}</option>)}
                  </select>
                </label>
              )}
              <div className="span2">
                <span>{t('incentives:field.tiers')}</span>
                <table className="tiers-table" data-testid="tiers-table">
                  <thead>
                    <tr><th>#</th><th>{growth ? t('incentives:field.fromGrowth') : t('incentives:field.from')}</th><th>{t('incentives:field.rate')}</th><th /></tr>
                  </thead>
                  <tbody>
                    {tiers.map((tier, i) => (
                      <tr key={i}>
                        <td>{i + 1}</td>
                        <td>
                          {growth ? (
                            <input type="number" step="any" value={toPct(tier.from)} onChange={(e) => set('tiers', tiers.map((x, j) => (j === i ? { ...x, from: fromPct(e.target.value) ?? 0 } : x)))} />
                          ) : (
                            <MoneyInput
                              value={tier.from}
                              onChange={(v) => set('tiers', tiers.map((x, j) => (j === i ? { ...x, from: v ?? 0 } : x)))}
                              onProblem={problemOf(`tiers.${i}`)}
                              label={t('common:validation.inRow', { label: t('incentives:field.from'), row: i + 1 })}
                              rules={{ currency }}
                              testId={`tier-from-${i}`}
                            />
                          )}
                        </td>
                        <td><input type="number" step="any" value={toPct(tier.rate)} onChange={(e) => set('tiers', tiers.map((x, j) => (j === i ? { ...x, rate: fromPct(e.target.value) ?? 0 } : x)))} /></td>
                        <td><button type="button" onClick={() => set('tiers', tiers.filter((_, j) => j !== i))}>{t('incentives:removeTier')}</button></td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <button type="button" onClick={() => set('tiers', [...tiers, { from: (tiers.at(-1)?.from ?? 0) + (growth ? 0.1 : 100000), rate: tiers.at(-1)?.rate ?? 0 }])} data-testid="tier-add">
                  {t('incentives:addTier')}
                </button>
              </div>
            </>
          )}
          {doc.type === 'target_bonus' && (
            <>
              <label><span>{t('incentives:field.bonusAmount')}</span>{money('bonusAmount', t('incentives:field.bonusAmount'))}</label>
              <label><span>{t('incentives:field.threshold')}</span>{pctInput('threshold')}</label>
              <label><span>{t('incentives:field.accelerator')}</span>{text('accelerator', 'number')}</label>
              <label><span>{t('incentives:field.maxAttainment')}</span>{pctInput('maxAttainment')}</label>
            </>
          )}
          {doc.type === 'spiff' && (
            <>
              <label><span>{t('incentives:field.products')}</span><input value={((doc.products as string[]) ?? []).join(', ')} onChange={(e) => set('products', csv(e.target.value))} /></label>
              <label><span>{t('incentives:field.categories')}</span><input value={((doc.categories as string[]) ?? []).join(', ')} onChange={(e) => set('categories', csv(e.target.value))} /></label>
              <label><span>{t('incentives:field.spiffFrom')}</span>{text('from', 'date')}</label>
              <label><span>{t('incentives:field.spiffTo')}</span>{text('to', 'date')}</label>
              <label><span>{t('incentives:field.perUnit')}</span>{money('perUnit', t('incentives:field.perUnit'))}</label>
              <label><span>{t('incentives:field.percent')}</span>{pctInput('percent')}</label>
            </>
          )}
          {doc.type === 'ranking_award' && (
            <>
              <label>
                <span>{t('incentives:field.groupBy')}</span>
                <select name="groupBy" value={(doc.groupBy as string) ?? 'channelType'} onChange={(e) => set('groupBy', e.target.value)}>
                  {['channelType', 'region', 'all'].map((v) => <option key={v} value={v}>{t(`incentives:groupBy.${v}`)}</option>)}
                </select>
              </label>
              <div className="span2">
                <span>{t('incentives:field.awards')}</span>
                <table className="tiers-table" data-testid="awards-table">
                  <thead>
                    <tr><th>{t('incentives:field.awardRank')}</th><th>{t('incentives:field.awardAmount')}</th><th /></tr>
                  </thead>
                  <tbody>
                    {awards.map((amount, i) => (
                      <tr key={i}>
                        <td>{t('incentives:awardRank', { rank: i + 1 })}</td>
                        <td>
                          <MoneyInput
                            value={amount}
                            onChange={(v) => set('awards', awards.map((x, j) => (j === i ? (v ?? 0) : x)))}
                            onProblem={problemOf(`awards.${i}`)}
                            label={t('common:validation.inRow', { label: t('incentives:field.awardAmount'), row: i + 1 })}
                            rules={{ currency }}
                            testId={`award-${i}`}
                          />
                        </td>
                        <td><button type="button" onClick={() => set('awards', awards.filter((_, j) => j !== i))}>{t('incentives:removeTier')}</button></td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <button type="button" onClick={() => set('awards', [...awards, awards.at(-1) ?? 0])} data-testid="award-add">
                  {t('incentives:addAward')}
                </button>
              </div>
              <label><span>{t('incentives:field.minBasis')}</span>{money('minBasis', t('incentives:field.minBasis'))}</label>
              <p className="muted span2">{t('incentives:tiesRule')}</p>
            </>
          )}
          <fieldset className="span2">
            <legend>{t('incentives:field.eligibility')} <small className="muted">({t('incentives:anyHint')})</small></legend>
            <div><strong>{t('incentives:field.channelTypes')}</strong>{checkboxes('channelTypes', CHANNEL_TYPES, (v) => t(`common:channelType.${v}`))}</div>
            <div><strong>{t('incentives:field.tiersElig')}</strong>{checkboxes('tiers', TIERS, (v) => t(`common:tier.${v}`))}</div>
            <div><strong>{t('incentives:field.regions')}</strong>{checkboxes('regions', [...new Set([...territories.rows.filter((r) => r.parent === null).map((r) => r.code), ...((elig.regions as string[] | undefined) ?? [])])], (v) => territories.name(v))}</div>
            <div><strong>{t('incentives:field.statuses')}</strong>{checkboxes('statuses', PARTNER_STATUSES, (v) => t(`common:status.${v}`))}</div>
            <label><span>{t('incentives:field.minTrainingCompliance')}</span><input type="number" step="any" value={toPct(elig.minTrainingCompliance)} onChange={(e) => setElig('minTrainingCompliance', fromPct(e.target.value))} /></label>
            <label><span>{t('incentives:field.requiredCertification')}</span><input value={(elig.requiredCertification as string) ?? ''} onChange={(e) => setElig('requiredCertification', e.target.value.trim() || undefined)} /></label>
            <label className="checkbox">
              <input type="checkbox" data-testid="program-no-conflict-risk" checked={elig.noOpenConflictRisk === true} onChange={(e) => setElig('noOpenConflictRisk', e.target.checked || undefined)} />
              <span>{t('incentives:field.noOpenConflictRisk')}</span>
            </label>
          </fieldset>
        </div>
      )}
      {tried && json === null && Object.keys(problems).length > 0 && (
        <div className="error-banner" data-testid="program-problems">{Object.values(problems).join(t('common:validation.separator'))}</div>
      )}
      {jsonError && <div className="error-banner">{jsonError}</div>}
      <ErrorBanner error={save.error ?? remove.error} />
      <div className="actions">
        {program && (
          <button type="button" className="danger" onClick={() => window.confirm(t('incentives:confirmDelete', { code: program.code })) && remove.mutate({ id: program.id }, { onSuccess: onClose })}>
            {t('common:actions.delete')}
          </button>
        )}
        <div className="spacer" />
        <button type="button" onClick={onClose}>{t('common:actions.cancel')}</button>
        <button type="submit" className="primary" disabled={save.isPending} data-testid="program-save">
          {save.isPending ? t('common:state.saving') : t('common:actions.save')}
        </button>
      </div>
      </form>
    </Modal>
  );
}
