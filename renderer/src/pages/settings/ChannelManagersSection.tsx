import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelManager } from '../../../../electron/contract/channelManagers';
import { useMutationOp, useOp } from '../../api/hooks';
import { ErrorBanner } from '../../components/ErrorBanner';
import { TerritoryOptions } from '../../components/TerritoryOptions';
import { TextField } from '../../components/TextField';
import { useTerritories } from '../../territories';
import { normalisePhone } from '../../../../shared/partnerIds';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Settings → Channel managers: the people partners are assigned to. Add, rename, change contact and territory, deactivate. */
export function ChannelManagersSection() {
  const { t } = useTranslation(['settings', 'common']);
  const territories = useTerritories();
  const list = useOp('channelManagers.list', {});
  const create = useMutationOp('channelManagers.create');
  const update = useMutationOp('channelManagers.update');
  const [editing, setEditing] = useState<ChannelManager | 'new' | null>(null);
  const [form, setForm] = useState({ name: '', email: '', phone: '', territory: '', active: true });
  const errs: Record<string, string> = {};
  if (!form.name.trim()) errs.name = t('settings:managers.required');
  if (form.email.trim() && !EMAIL.test(form.email.trim())) errs.email = t('settings:managers.emailRule');
  if (form.phone.trim() && normalisePhone(form.phone) === null) errs.phone = t('settings:managers.phoneRule');
  const open = (m: ChannelManager | 'new') => {
    create.reset();
    update.reset();
    setEditing(m);
    setForm(m === 'new' ? { name: '', email: '', phone: '', territory: '', active: true } : { name: m.name, email: m.email ?? '', phone: m.phone ?? '', territory: m.territory ?? '', active: m.active });
  };
  const save = () => {
    if (Object.keys(errs).length || !editing) return;
    const fields = { name: form.name.trim(), email: form.email.trim() || null, phone: form.phone.trim() || null, territory: form.territory || null, active: form.active };
    if (editing === 'new') create.mutate(fields, { onSuccess: () => setEditing(null) });
    else update.mutate({ id: editing.id, patch: fields }, { onSuccess: () => setEditing(null) });
  };
  return (
    <section data-testid="settings-managers">
      <h2>{t('settings:managers.title')}</h2>
      <p className="muted">{t('settings:managers.intro')}</p>
      <ErrorBanner error={list.error ?? create.error ?? update.error} />
      <table className="compare-table" data-testid="managers-table">
        <thead>
          <tr>
            <th>{t('settings:managers.name')}</th>
            <th>{t('settings:managers.email')}</th>
            <th>{t('settings:managers.phone')}</th>
            <th>{t('settings:managers.territory')}</th>
            <th>{t('settings:managers.partners')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.data?.map((m) => (
            <tr key={m.id} className={m.active ? undefined : 'muted'} data-testid={`manager-row-${m.id}`}>
              <td>
                {m.name}
                {!m.active && ` (${t('settings:managers.inactive')})`}
              </td>
              <td>{m.email}</td>
              <td>{m.phone}</td>
              <td>{territories.name(m.territory)}</td>
              <td>{m.partners}</td>
              <td>
                <button className="link" onClick={() => open(m)} data-testid={`manager-edit-${m.id}`}>
                  {t('common:actions.edit')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions">
        <button className="primary" onClick={() => open('new')} data-testid="manager-new">
          {t('settings:managers.add')}
        </button>
      </div>
      {editing && (
        <form noValidate onSubmit={(e) => { e.preventDefault(); if (Object.keys(errs).length === 0) save(); }} className="form-grid" data-testid="manager-form" style={{ marginTop: 12 }}>
          <TextField label={t('settings:managers.name')} value={form.name} onChange={(name) => setForm({ ...form, name })} error={errs.name} testId="manager-name" />
          <TextField label={t('settings:managers.email')} value={form.email} onChange={(email) => setForm({ ...form, email })} error={errs.email} testId="manager-email" />
          <TextField label={t('settings:managers.phone')} value={form.phone} onChange={(phone) => setForm({ ...form, phone })} error={errs.phone} testId="manager-phone" />
          <label>
            <span>{t('settings:managers.territory')}</span>
            <select value={form.territory} onChange={(e) => setForm({ ...form, territory: e.target.value })} data-testid="manager-territory">
              <option value="">—</option>
              <TerritoryOptions />
            </select>
          </label>
          <label className="inline span2">
            <input type="checkbox" checked={form.active} onChange={(e) => setForm({ ...form, active: e.target.checked })} data-testid="manager-active" /> {t('settings:managers.active')}
          </label>
          <div className="actions span2">
            <button type="submit" className="primary" disabled={Object.keys(errs).length > 0} data-testid="manager-save">
              {t('common:actions.save')}
            </button>
            <button type="button" onClick={() => setEditing(null)}>{t('common:actions.cancel')}</button>
          </div>
        </form>
      )}
    </section>
  );
}
