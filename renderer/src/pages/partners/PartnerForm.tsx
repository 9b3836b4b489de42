import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNEL_TYPES, PARTNER_STATUSES, TIERS } from '../../../../shared/enums';
import { partnerFields, type Partner, type PartnerInput } from '../../../../electron/contract/partners';
import { useMutationOp, useOp } from '../../api/hooks';
import { useTerritories } from '../../territories';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Modal } from '../../components/Modal';
import { useFieldErrorText } from '../../validation';

type FormValues = Record<keyof PartnerInput, string>;

const SELECTS = { channelType: CHANNEL_TYPES, tier: TIERS, status: PARTNER_STATUSES } as const;
const ORDER: Array<keyof PartnerInput> = ['code', 'name', 'nameEn', 'channelType', 'tier', 'status', 'territory', 'province', 'city', 'channelManagerId', 'contactName', 'phone', 'email', 'address', 'creditCode', 'bankName', 'bankAccount', 'joinedOn', 'currency', 'notes'];

function toValues(p: Partner | null): FormValues {
  const v = {} as FormValues;
  for (const k of ORDER) v[k] = p ? String((p as Record<string, unknown>)[k] ?? '') : '';
  if (!p) Object.assign(v, { channelType: 'dealer', tier: 'tier3', status: 'prospect', currency: 'CNY' });
  return v;
}

/** Empty strings become null (cleared), so the contract's schema sees exactly what the user means. */
function toInput(v: FormValues): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const k of ORDER) out[k] = v[k].trim() === '' ? null : v[k].trim();
  return out;
}

/** Create/edit form, validated client-side with the contract's own zod schema, then again in the main process. */
export function PartnerForm({ partner, onClose }: { partner: Partner | null; onClose: () => void }) {
  const { t } = useTranslation(['partners', 'common']);
  const fieldErrorText = useFieldErrorText();
  const [values, setValues] = useState<FormValues>(() => toValues(partner));
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const create = useMutationOp('partners.create');
  const update = useMutationOp('partners.update');
  const remove = useMutationOp('partners.delete');
  const restore = useMutationOp('partners.restore');
  const territories = useTerritories();
  const managers = useOp('channelManagers.list', {});
  const [reason, setReason] = useState('');
  const managerChanged = !!partner && String(partner.channelManagerId ?? '') !== values.channelManagerId;
  // Correcting a field clears its error at once.
  const change = (k: keyof FormValues, value: string) => {
    setValues({ ...values, [k]: value });
    if (fieldErrors[k]) setFieldErrors(({ [k]: _, ...rest }) => rest);
  };
  const busy = create.isPending || update.isPending || remove.isPending || restore.isPending;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const raw: Record<string, unknown> = toInput(values);
    raw.channelManagerId = values.channelManagerId ? Number(values.channelManagerId) : null;
    // Required fields cannot be null; optional ones can.
    for (const k of ['code', 'name', 'channelType', 'tier', 'status', 'currency'] as const) if (raw[k] === null) delete raw[k];
    const parsed = partnerFields.safeParse(raw);
    if (!parsed.success) {
      setFieldErrors(fieldErrorText(parsed.error, (f) => t(`partners:field.${f}`)));
      return;
    }
    setFieldErrors({});
    try {
      if (partner) await update.mutateAsync({ id: partner.id, patch: raw as never, reason: managerChanged && reason.trim() ? reason.trim() : null });
      else await create.mutateAsync(raw as never);
      onClose();
    } catch {
      /* shown by ErrorBanner */
    }
  };

  return (
    <Modal title={partner ? `${t('common:actions.edit')} · ${partner.code}` : t('partners:newPartner')} onClose={onClose} testId="partner-form" wide>
      <form noValidate onSubmit={(e) => void submit(e)} className="form-grid">
        {ORDER.map((k) => (
          <label key={k} className={k === 'notes' || k === 'address' || k === 'name' ? 'span2' : undefined}>
            <span>{t(`partners:field.${k}`)}</span>
            {k === 'territory' ? (
              <select name={k} value={values[k]} onChange={(e) => change(k, e.target.value)}>
                <option value="">—</option>
                {territories.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            ) : k === 'channelManagerId' ? (
              <select name={k} value={values[k]} onChange={(e) => change(k, e.target.value)}>
                <option value="">—</option>
                {(managers.data ?? []).filter((m) => m.active || String(m.id) === values[k]).map((m) => (
                  <option key={m.id} value={String(m.id)}>
                    {m.name}
                  </option>
                ))}
              </select>
            ) : k in SELECTS ? (
              <select name={k} value={values[k]} onChange={(e) => change(k, e.target.value)}>
                {SELECTS[k as keyof typeof SELECTS].map((o) => (
                  <option key={o} value={o}>
                    {t(`common:${k === 'channelType' ? 'channelType' : k}.${o}`)}
                  </option>
                ))}
              </select>
            ) : (
              <input
                name={k}
                type={k === 'joinedOn' ? 'date' : 'text'}
                value={values[k]}
                disabled={k === 'code' && !!partner}
                onChange={(e) => change(k, e.target.value)}
                aria-invalid={fieldErrors[k] ? true : undefined}
              />
            )}
            {fieldErrors[k] && <small className="field-error">{fieldErrors[k]}</small>}
          </label>
        ))}
        {managerChanged && (
          <label className="span2">
            <span>{t('partners:reassignReason')}</span>
            <input name="reassignReason" value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
        )}
        <div className="span2">
          <ErrorBanner error={create.error ?? update.error ?? remove.error ?? restore.error} />
        </div>
        <div className="actions span2">
          {partner && !partner.deletedAt && (
            <button type="button" className="danger" disabled={busy} onClick={() => window.confirm(t('partners:confirmDelete', { name: partner.name })) && remove.mutate({ id: partner.id }, { onSuccess: onClose })}>
              {t('common:actions.delete')}
            </button>
          )}
          {partner?.deletedAt && (
            <button type="button" disabled={busy} onClick={() => restore.mutate({ id: partner.id }, { onSuccess: onClose })}>
              {t('common:actions.restore')}
            </button>
          )}
          <div className="spacer" />
          <button type="button" onClick={onClose}>
            {t('common:actions.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy || !!partner?.deletedAt} data-testid="partner-save">
            {busy ? t('common:state.saving') : t('common:actions.save')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
