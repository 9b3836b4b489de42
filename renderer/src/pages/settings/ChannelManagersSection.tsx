import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelManager } from '../../../../electron/contract/channelManagers';
import { useMutationOp, useOp } from '../../api/hooks';
import { TerritoryOptions } from '../../components/TerritoryOptions';
import { TextField } from '../../components/TextField';
import { useTerritories } from '../../territories';
import { normalisePhone } from '../../../../shared/partnerIds';
import { SettingsForm, SettingsSection, SettingsTable, type SettingsColumn } from './SettingsSection';

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
  const columns: SettingsColumn<ChannelManager>[] = [
    { header: t('settings:managers.name'), cell: (m) => <>{m.name}{!m.active && ` (${t('settings:managers.inactive')})`}</> },
    { header: t('settings:managers.email'), cell: (m) => m.email },
    { header: t('settings:managers.phone'), cell: (m) => m.phone },
    { header: t('settings:managers.territory'), cell: (m) => territories.name(m.territory) },
    { header: t('settings:managers.partners'), cell: (m) => m.partners },
    {
      header: '',
      cell: (m) => (
        <button className="link" onClick={() => open(m)} data-testid={`manager-edit-${m.id}`}>
          {t('common:actions.edit')}
        </button>
      ),
    },
  ];
  return (
    <SettingsSection
      testId="settings-managers"
      title={t('settings:managers.title')}
      intro={t('settings:managers.intro')}
      add={{ label: t('settings:managers.add'), testId: 'manager-new', onClick: () => open('new') }}
      error={list.error ?? create.error ?? update.error}
      form={
        editing && (
          <SettingsForm testId="manager-form" saveTestId="manager-save" canSave={Object.keys(errs).length === 0} onSave={save} onCancel={() => setEditing(null)}>
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
          </SettingsForm>
        )
      }
    >
      <SettingsTable testId="managers-table" columns={columns} rows={list.data} rowKey={(m) => m.id} rowTestId={(m) => `manager-row-${m.id}`} inactive={(m) => !m.active} />
    </SettingsSection>
  );
}
