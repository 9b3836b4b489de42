import { useEffect, useMemo, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { messageLanguage } from '../../../../shared/errorMessages';
import { schemaMessageText } from '../../../../shared/validationMessages';
import { importErrorLine, importErrorText, skippedRowsText, type SkippedRowsWords } from '../../../../shared/importMessages';
import { formatMinor } from '../../../../shared/money';
import { IMPORT_KINDS, PARTNER_STATUSES, type ImportKind } from '../../../../shared/enums';
import { DATE_FORMATS, ENCODINGS, type DateFormat, type EncodingChoice, type ImportMapping, type ImportPreview, type UnknownValue } from '../../../../electron/contract/imports';
import { bridge } from '../../api/client';
import { useJob, useMutationOp, useOp } from '../../api/hooks';
import { uploadFile } from '../../api/webBridge';
import { ErrorBanner } from '../../components/ErrorBanner';
import { JobProgressBar } from '../../components/JobProgressBar';

interface PickedFile {
  path: string;
  name: string;
  size: number;
}

const FILE_TYPES = [{ name: 'CSV / Excel / WPS / LibreOffice', extensions: ['csv', 'txt', 'tsv', 'xlsx', 'xls', 'et', 'ods'] }];
/** Fields that identify or describe one row: a default for every empty cell would be wrong, so the wizard offers none. */
const NO_DEFAULT = new Set(['code', 'partnerCode', 'name', 'nameEn', 'lineRef', 'orderRef', 'responseRef', 'certificateNo', 'creditCode', 'notes', 'comment', 'phone', 'email', 'address', 'contactName', 'customerRef', 'trainee']);
/** Enumeration fields whose codes have words in the common catalogue. */
const WORDED_VALUES = new Set(['channelType', 'tier', 'status']);

const delimiterName = (d: string | null) => (d === '\t' ? 'tab' : d === ';' ? 'semicolon' : d === '|' ? 'pipe' : d === ',' ? 'comma' : '');

/** The import wizard: file → detection → column and value mapping (templates) → preview as stored → import → result. */
export function ImportWizard() {
  const { t, i18n } = useTranslation(['imports', 'common']);
  /** A row error's words in the app language where the check has them (schema messages: credit code, phone, …). */
  const lang = messageLanguage(i18n.language);
  const rowMessage = (e: { message: string; code?: string; params?: Record<string, unknown> }) => importErrorText(e, lang, (m) => schemaMessageText(m, lang));
  // A row's own error (two stock rows with one key) has no column or value: said as "第 7 行：…", not "列 —，值“”".
  const errorLine = (e: { row: number | null; column?: string | null; value?: string | null; message: string; code?: string; params?: Record<string, unknown> }) =>
    importErrorLine(null, { ...e, column: e.column ?? null, value: e.value ?? null }, lang, (m) => schemaMessageText(m, lang));
  const [kind, setKind] = useState<ImportKind>('sales');
  // A field's label: the kind's own word where one field name means another thing there (stock value, not target value).
  const fieldLabel = (name: string) => t(`imports:kindFields.${kind}.${name}`, { defaultValue: t(`imports:fields.${name}`, { defaultValue: name }) });
  const [file, setFile] = useState<PickedFile | null>(null);
  const [pickError, setPickError] = useState<Error | null>(null);
  const [sheet, setSheet] = useState<string | null>(null);
  const [encoding, setEncoding] = useState<EncodingChoice>('auto');
  const [mapping, setMapping] = useState<ImportMapping | null>(null);
  const [acceptValid, setAcceptValid] = useState(false);
  const [templateName, setTemplateName] = useState('');
  const [dragging, setDragging] = useState(false);
  const webMode = bridge.platform.kind === 'web';

  const previewInput = useMemo(
    () => (file ? { kind, path: file.path, fileName: file.name, sheet, encoding: encoding === 'auto' ? undefined : encoding, mapping } : null),
    [file, kind, sheet, encoding, mapping],
  );
  const preview = useOp('imports.preview', previewInput ?? { kind, path: '-' }, { enabled: previewInput !== null, retry: false });
  const templates = useOp('imports.templates.list', { kind });
  const saveTemplate = useMutationOp('imports.templates.save');
  const run = useJob('imports.run');
  const p: ImportPreview | undefined = previewInput ? preview.data : undefined;

  // A new file or kind starts from the suggestion.
  useEffect(() => {
    setMapping(null);
    run.reset();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [file, kind]);

  const current: ImportMapping | null = mapping ?? p?.mapping ?? null;
  const edit = (change: (m: ImportMapping) => ImportMapping) => current && setMapping(change({ ...current, columns: { ...current.columns }, values: { ...(current.values ?? {}) } }));

  async function pick() {
    setPickError(null);
    try {
      const f = await bridge.platform.pickFile(FILE_TYPES);
      if (f) setFile(f);
    } catch (e) {
      setPickError(e as Error);
    }
  }
  async function onDrop(e: DragEvent) {
    e.preventDefault();
    setDragging(false);
    const dropped = e.dataTransfer.files?.[0];
    if (!dropped) return;
    if (!webMode) return void pick();
    try {
      setFile(await uploadFile(dropped));
    } catch (err) {
      setPickError(err as Error);
    }
  }
  async function start(replace?: number, create?: { createTerritories?: boolean; createOwners?: boolean }) {
    if (!file || !current) return;
    await run.start({ kind, path: file.path, fileName: file.name, sheet, encoding: encoding === 'auto' ? undefined : encoding, mapping: current, acceptValid, replace, language: lang, ...create });
  }
  // Territories and channel managers the file names that do not exist: listed once each with their row counts, to create on confirm.
  const unknown = ((run.error?.body?.data as { unknown?: UnknownValue[] } | undefined)?.unknown ?? []) as UnknownValue[];
  const unknownTerritories = unknown.filter((u) => u.what === 'territory');
  const unknownOwners = unknown.filter((u) => u.what === 'channelManager');
  const earlier = p?.alreadyImported ?? null;

  const enumFields = p?.fields.filter((f) => f.values && current?.columns[f.name]) ?? [];
  const result = run.result;
  const resultSkipped = skippedRowsText(result ? result.skipped : (run.error?.body?.data as { skipped?: SkippedRowsWords } | undefined)?.skipped, lang);

  return (
    <section data-testid="import-wizard">
      <div className="actions" style={{ marginTop: 0, flexWrap: 'wrap' }}>
        <label className="inline">
          {t('imports:kind')}
          <select value={kind} onChange={(e) => setKind(e.target.value as ImportKind)} data-testid="import-kind">
            {IMPORT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`imports:kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <div
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          data-testid="import-drop"
          style={{ border: `2px dashed ${dragging ? 'var(--accent)' : 'var(--border)'}`, borderRadius: 6, padding: '10px 16px', display: 'flex', gap: 12, alignItems: 'center' }}
        >
          <span className="muted">{t('imports:drop')}</span>
          <button className="primary" onClick={() => void pick()} data-testid="import-pick">
            {t('imports:pick')}
          </button>
        </div>
        {file && (
          <span data-testid="import-file">
            <strong>{file.name}</strong> <span className="muted">{(file.size / 1024).toFixed(1)} KB</span>
          </span>
        )}
      </div>
      <ErrorBanner error={pickError} />
      {previewInput && <ErrorBanner error={preview.error} />}

      {p && current && (
        <>
          <h3>{t('imports:step.detected')}</h3>
          <div className="actions" style={{ marginTop: 0, flexWrap: 'wrap' }} data-testid="import-detected">
            <span>
              {t('imports:format')}: <strong>{p.format.toUpperCase()}</strong>
            </span>
            {p.format === 'csv' && (
              <>
                <label className="inline">
                  {t('imports:encoding')}
                  <select value={encoding} onChange={(e) => setEncoding(e.target.value as EncodingChoice)} data-testid="import-encoding">
                    {ENCODINGS.map((e) => (
                      <option key={e} value={e}>
                        {e === 'auto' ? `${t('imports:auto')} (${p.encoding})` : e}
                      </option>
                    ))}
                  </select>
                </label>
                <span>
                  {t('imports:delimiter')}: <strong data-testid="import-delimiter">{t(`imports:delimiters.${delimiterName(p.delimiter)}`)}</strong>
                </span>
              </>
            )}
            {p.format !== 'csv' && (
              <label className="inline">
                {t('imports:sheet')}
                <select value={sheet ?? p.sheet ?? ''} onChange={(e) => setSheet(e.target.value)} data-testid="import-sheet">
                  {p.sheets.map((s) => (
                    <option key={s}>{s}</option>
                  ))}
                </select>
              </label>
            )}
          </div>

          <h3>{t('imports:step.mapping')}</h3>
          <div className="actions" style={{ marginTop: 0, flexWrap: 'wrap' }}>
            <label className="inline">
              {t('imports:template')}
              <select
                value=""
                onChange={(e) => {
                  const tpl = templates.data?.find((x) => x.name === e.target.value);
                  if (tpl) setMapping({ ...tpl.mapping, kind });
                }}
                data-testid="import-template"
              >
                <option value="">{t('imports:applyTemplate')}</option>
                {templates.data?.map((x) => (
                  <option key={x.name}>{x.name}</option>
                ))}
              </select>
            </label>
            <input placeholder={t('imports:templateName')} value={templateName} onChange={(e) => setTemplateName(e.target.value)} data-testid="import-template-name" />
            <button disabled={!templateName.trim() || saveTemplate.isPending} onClick={() => saveTemplate.mutate({ name: templateName.trim(), mapping: current })} data-testid="import-template-save">
              {t('imports:saveTemplate')}
            </button>
            {saveTemplate.isSuccess && <span className="ok">{t('imports:saved')}</span>}
            <button onClick={() => setMapping(null)}>{t('imports:resetMapping')}</button>
          </div>
          <ErrorBanner error={saveTemplate.error} />
          <table className="mapping-table" data-testid="import-mapping" style={{ borderCollapse: 'collapse', margin: '8px 0' }}>
            <thead>
              <tr>
                <th style={{ textAlign: 'left', paddingRight: 16 }}>{t('imports:field')}</th>
                <th style={{ textAlign: 'left' }}>{t('imports:column')}</th>
              </tr>
            </thead>
            <tbody>
              {p.fields.map((f) => (
                <tr key={f.name}>
                  <td style={{ paddingRight: 16 }}>
                    {fieldLabel(f.name)} <code className="muted">{f.name}</code>
                    {f.required && <span className="error"> *</span>}
                  </td>
                  <td>
                    <select
                      value={current.columns[f.name] ?? ''}
                      onChange={(e) =>
                        edit((m) => {
                          if (e.target.value) m.columns[f.name] = e.target.value;
                          else delete m.columns[f.name];
                          return m;
                        })
                      }
                      data-testid={`import-map-${f.name}`}
                    >
                      <option value="">{t('imports:notMapped')}</option>
                      {p.header.map((h) => (
                        <option key={h} value={h}>
                          {h}
                        </option>
                      ))}
                    </select>
                    {p.suggestedColumns[f.name] && p.suggestedColumns[f.name] === current.columns[f.name] && <span className="muted"> ✓ {t('imports:suggested')}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <label className="inline">
            {t('imports:dateFormat')}
            <select
              value={current.dateFormat ?? ''}
              onChange={(e) => edit((m) => ({ ...m, dateFormat: (e.target.value || null) as DateFormat | null }))}
              data-testid="import-date-format"
            >
              <option value="">{t('imports:dateFormatNone')}</option>
              {DATE_FORMATS.map((d) => (
                <option key={d}>{d}</option>
              ))}
            </select>
            {p.suggestedDateFormat && p.suggestedDateFormat !== current.dateFormat && (
              <button onClick={() => edit((m) => ({ ...m, dateFormat: p.suggestedDateFormat }))} data-testid="import-date-suggest">
                {t('imports:useSuggested', { format: p.suggestedDateFormat })}
              </button>
            )}
          </label>
          {enumFields.map((f) =>
            (p.unknownValues[f.name] ?? []).length || Object.keys(current.values?.[f.name] ?? {}).length ? (
              <div key={f.name} style={{ margin: '8px 0' }} data-testid={`import-values-${f.name}`}>
                <strong>{t('imports:valueMap', { field: fieldLabel(f.name) })}</strong>
                {[...new Set([...(p.unknownValues[f.name] ?? []), ...Object.keys(current.values?.[f.name] ?? {})])].map((v) => (
                  <div key={v} className="inline" style={{ marginLeft: 12 }}>
                    <code>{v}</code> →
                    <select
                      value={current.values?.[f.name]?.[v] ?? ''}
                      onChange={(e) =>
                        edit((m) => {
                          const map = { ...(m.values?.[f.name] ?? {}) };
                          if (e.target.value) map[v] = e.target.value;
                          else delete map[v];
                          m.values = { ...(m.values ?? {}), [f.name]: map };
                          return m;
                        })
                      }
                    >
                      <option value="">—</option>
                      {f.values!.map((code) => (
                        <option key={code} value={code}>
                          {code}
                        </option>
                      ))}
                    </select>
                  </div>
                ))}
              </div>
            ) : null,
          )}

          <h3>{t('imports:step.preview')}</h3>
          {p.missingRequired.length > 0 && (
            <div className="error-banner" data-testid="import-missing">
              {t('imports:missingRequired', { fields: p.missingRequired.map((f) => fieldLabel(f)).join(', ') })}
            </div>
          )}
          <div style={{ overflow: 'auto', maxHeight: 320, border: '1px solid var(--border)' }}>
            <table data-testid="import-preview" style={{ borderCollapse: 'collapse', fontSize: 12, width: '100%' }}>
              <thead>
                <tr>
                  <th style={{ textAlign: 'left', padding: 4 }}>{t('imports:row')}</th>
                  {p.fields
                    .filter((f) => current.columns[f.name])
                    .map((f) => (
                      <th key={f.name} style={{ textAlign: 'left', padding: 4 }} title={f.name}>
                        {fieldLabel(f.name)}
                      </th>
                    ))}
                  <th style={{ textAlign: 'left', padding: 4 }}>{t('imports:problems')}</th>
                </tr>
              </thead>
              <tbody>
                {p.rows.map((r) => (
                  <tr key={r.row} style={{ background: r.errors.length ? '#fdecea' : undefined }}>
                    <td style={{ padding: 4 }}>{r.row}</td>
                    {p.fields
                      .filter((f) => current.columns[f.name])
                      .map((f) => (
                        <td key={f.name} style={{ padding: 4 }}>
                          {r.stored ? storedValue(r.stored, f.name) : (r.cells[p.header.indexOf(current.columns[f.name])] ?? '')}
                        </td>
                      ))}
                    <td style={{ padding: 4 }} className="error">
                      {r.errors.map((e) => (e.column ? `${e.column}${lang === 'zh-CN' ? '：' : ': '}${rowMessage(e)}` : rowMessage(e))).join(lang === 'zh-CN' ? '；' : '; ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>

          <h3>{t('imports:step.validation')}</h3>
          <p data-testid="import-summary">
            {t(p.summary.complete ? 'imports:summaryComplete' : 'imports:summaryPartial', { checked: p.summary.rowsChecked, valid: p.summary.valid, invalid: p.summary.invalid })}
          </p>
          {skippedRowsText(p.skipped, lang) && (
            <p className="muted" data-testid="import-skipped">
              {skippedRowsText(p.skipped, lang)}
            </p>
          )}
          {p.summary.errors.length > 0 && (
            <ul className="error" data-testid="import-summary-errors" style={{ maxHeight: 160, overflow: 'auto' }}>
              {p.summary.errors.slice(0, 50).map((e, i) => (
                <li key={i}>
                  {errorLine(e)}
                </li>
              ))}
            </ul>
          )}

          <details className="import-defaults" data-testid="import-defaults" open={Object.keys(current.defaults ?? {}).some((k) => k !== 'status')}>
            <summary>{t('imports:defaults.title', { count: Object.values(current.defaults ?? {}).filter((v) => v !== '').length })}</summary>
            <p className="muted">{t(kind === 'partners' ? 'imports:defaults.hintPartners' : 'imports:defaults.hint')}</p>
            <div className="form-grid">
              {p.fields
                .filter((f) => !NO_DEFAULT.has(f.name) && !(kind === 'partners' && f.name === 'status'))
                .map((f) => {
                  const value = current.defaults?.[f.name] ?? '';
                  const set = (v: string) =>
                    edit((m) => {
                      const defaults = { ...(m.defaults ?? {}) };
                      if (v.trim() === '') delete defaults[f.name];
                      else defaults[f.name] = v;
                      return { ...m, defaults };
                    });
                  return (
                    <label key={f.name}>
                      <span>{fieldLabel(f.name)}</span>
                      {f.values ? (
                        <select value={value} onChange={(e) => set(e.target.value)} data-testid={`import-default-${f.name}`}>
                          <option value="">{t('imports:defaults.none')}</option>
                          {f.values.map((code) => (
                            <option key={code} value={code}>
                              {WORDED_VALUES.has(f.name) ? t(`common:${f.name}.${code}`) : code}
                            </option>
                          ))}
                        </select>
                      ) : (
                        <input value={value} onChange={(e) => set(e.target.value)} placeholder={t('imports:defaults.none')} data-testid={`import-default-${f.name}`} />
                      )}
                    </label>
                  );
                })}
            </div>
          </details>

          <div className="actions">
            {kind === 'partners' && (
              <label className="inline">
                {t('imports:defaultStatus')}
                <select
                  value={current.defaults?.status ?? ''}
                  onChange={(e) => edit((m) => ({ ...m, defaults: { ...(m.defaults ?? {}), status: e.target.value } }))}
                  data-testid="import-default-status"
                >
                  {PARTNER_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {t(`common:status.${s}`)}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <label className="inline">
              <input type="checkbox" checked={acceptValid} onChange={(e) => setAcceptValid(e.target.checked)} data-testid="import-accept-valid" /> {t('imports:acceptValid')}
            </label>
            {!earlier && (
              <button className="primary" disabled={run.running || p.missingRequired.length > 0} onClick={() => void start()} data-testid="import-run">
                {t('imports:run')}
              </button>
            )}
          </div>
          {earlier && !result && (
            <div className="warning" role="alert" data-testid="import-already">
              <p>
                {t('imports:already.text', {
                  id: earlier.importId,
                  file: earlier.fileName,
                  when: earlier.finishedAt?.slice(0, 16).replace('T', ' ') ?? '—',
                  rows: earlier.rowsRead,
                  inserted: earlier.inserted,
                  updated: earlier.updated,
                })}
              </p>
              <div className="actions">
                <button className="primary" disabled={run.running || p.missingRequired.length > 0} onClick={() => void start(earlier.importId)} data-testid="import-replace">
                  {t('imports:already.replace', { id: earlier.importId })}
                </button>
                <button onClick={() => setFile(null)} data-testid="import-cancel">
                  {t('imports:already.cancel')}
                </button>
              </div>
            </div>
          )}
          {run.running && <JobProgressBar progress={run.progress} onCancel={run.cancel} label={t('imports:importing')} />}
          <ErrorBanner error={run.error} />
          {kind === 'partners' && unknown.length > 0 && !run.running && (
            <div className="write-wait" data-testid="import-create-confirm">
              {unknownTerritories.length > 0 && (
                <p>
                  {t('imports:createTerritories', { count: unknownTerritories.length, list: unknownTerritories.map((u) => t('imports:unknownValue', { value: u.value, count: u.rows })).join(t('imports:listSeparator')) })}
                </p>
              )}
              {unknownOwners.length > 0 && (
                <p>
                  {t('imports:createOwners', { count: unknownOwners.length, list: unknownOwners.map((u) => t('imports:unknownValue', { value: u.value, count: u.rows })).join(t('imports:listSeparator')) })}
                </p>
              )}
              <p className="muted">{t('imports:createHint')}</p>
              <button
                className="primary"
                onClick={() => void start(undefined, { ...(unknownTerritories.length ? { createTerritories: true } : {}), ...(unknownOwners.length ? { createOwners: true } : {}) })}
                data-testid="import-create-run"
              >
                {t('imports:createAndImport')}
              </button>
            </div>
          )}
          {run.error?.body?.data && Array.isArray((run.error.body.data as { errors?: unknown[] }).errors) && (
            <ul className="error" data-testid="import-run-errors" style={{ maxHeight: 200, overflow: 'auto' }}>
              {((run.error.body.data as { errors: Array<{ row: number | null; column: string | null; value: string | null; message: string }> }).errors)
                .slice(0, 100)
                .map((e, i) => (
                  <li key={i}>{errorLine(e)}</li>
                ))}
            </ul>
          )}
          {result?.created && (result.created.territories.length > 0 || result.created.channelManagers.length > 0) && (
            <p className="ok" data-testid="import-created">
              {[...result.created.territories.map((x) => t('imports:createdTerritory', { name: x })), ...result.created.channelManagers.map((x) => t('imports:createdOwner', { name: x }))].join(t('imports:listSeparator'))}
            </p>
          )}
          {/* Title rows above the header and total rows (合计) the reader skipped, after an import or its refusal: never silent. */}
          {!run.running && resultSkipped && (
            <p className="muted" data-testid="import-result-skipped">
              {resultSkipped}
            </p>
          )}
          {result && (
            <div className="cards" data-testid="import-result">
              {(['rowsRead', 'inserted', 'updated', 'duplicates', 'rejected'] as const).map((k) => (
                <div className="card" key={k}>
                  <div className="card-value" data-testid={`import-result-${k}`}>
                    {result[k].toLocaleString()}
                  </div>
                  <div className="card-label">{t(`imports:counts.${k}`)}</div>
                </div>
              ))}
              {result.rejectedFile && (
                <button onClick={() => void bridge.platform.showItem(result.rejectedFile!)} data-testid="import-rejected-download">
                  {t('imports:downloadRejected')}
                </button>
              )}
            </div>
          )}
        </>
      )}
    </section>
  );
}

/** A field's value as the row stores it: money fields are stored as `<field>Minor` (amount, value, floorPrice…), in the row's currency. */
function storedValue(stored: Record<string, unknown>, field: string): string {
  const key = field === 'cost' || field === 'profit' ? 'costMinor' : field === 'courseCode' ? 'courseId' : field in stored ? field : `${field}Minor`;
  const v = stored[key];
  if (v === null || v === undefined) return '';
  if (key.endsWith('Minor') && typeof v === 'number') return formatMinor(v, typeof stored.currency === 'string' ? stored.currency : 'CNY', { grouping: false });
  return String(v);
}
