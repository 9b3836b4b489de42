import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Territory } from '../../../../electron/contract/territories';
import { TERRITORY_KINDS, type TerritoryKind } from '../../../../shared/enums';
import { useMutationOp } from '../../api/hooks';
import { TerritoryOptions } from '../../components/TerritoryOptions';
import { TextField } from '../../components/TextField';
import { HqBadge, useHqReadOnlyReason } from '../../components/HqBadge';
import { territoryLabel, useTerritories } from '../../territories';
import { SettingsForm, SettingsSection, SettingsTable, type SettingsColumn } from './SettingsSection';

const CODE = /^[\p{L}\p{N}_.-]+$/u;

/** The level a new node takes under a parent unless the user picks another (the domain's default). */
function levelUnder(parentKind: TerritoryKind | undefined): TerritoryKind {
  if (!parentKind) return 'territory';
  return parentKind === 'territory' || parentKind === 'subTerritory' ? 'subTerritory' : 'city';
}

/** Field checks in the app's language, before anything is sent (the contract checks again). */
function problems(f: { nameZh: string; nameEn: string; code: string }, t: (k: string) => string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!f.nameZh.trim()) out.nameZh = t('territoryTree.required');
  if (f.nameZh.trim().length > 100 || f.nameEn.trim().length > 100) out.nameZh = t('territoryTree.tooLong');
  if (f.code.trim() && (!CODE.test(f.code.trim()) || f.code.trim().length > 32)) out.code = t('territoryTree.codeRule');
  return out;
}

/**
 * Settings → Territories: the company's tree. Add, rename (names and code), move under another parent, merge into
 * another territory, deactivate or activate. Partners follow because they reference the territory, not its name.
 */
export function TerritoriesSection() {
  const { t, i18n } = useTranslation(['settings', 'common', 'territories']);
  const territories = useTerritories();
  const add = useMutationOp('territories.add');
  const rename = useMutationOp('territories.rename');
  const move = useMutationOp('territories.move');
  const merge = useMutationOp('territories.merge');
  const setActive = useMutationOp('territories.setActive');
  const [editing, setEditing] = useState<Territory | 'new' | null>(null);
  const [form, setForm] = useState<{ nameZh: string; nameEn: string; code: string; parent: string; kind: TerritoryKind }>({ nameZh: '', nameEn: '', code: '', parent: '', kind: 'territory' });
  const [kindChosen, setKindChosen] = useState(false);
  const [mergeInto, setMergeInto] = useState('');
  const [shown, setShown] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const hqReason = useHqReadOnlyReason();
  const error = add.error ?? rename.error ?? move.error ?? merge.error ?? setActive.error;
  const errs = problems(form, (k) => t(`settings:${k}`));
  const depth = (r: Territory) => {
    let d = 0;
    for (let p = r.parent; p && d < 16; p = territories.rows.find((x) => x.code === p)?.parent ?? null) d++;
    return d;
  };
  const reset = () => [add, rename, move, merge, setActive].forEach((m) => m.reset());
  const kindOf = (code: string) => territories.rows.find((x) => x.code === code)?.kind;
  /** `under`: a new node below that territory (the row's "Add below"). */
  const open = (r: Territory | 'new', under?: Territory) => {
    reset();
    setDone(null);
    setEditing(r);
    setMergeInto('');
    setKindChosen(r !== 'new');
    setForm(
      r === 'new'
        ? { nameZh: '', nameEn: '', code: '', parent: under?.code ?? '', kind: levelUnder(under?.kind) }
        : { nameZh: r.nameZh, nameEn: r.nameEn ?? '', code: r.code, parent: r.parent ?? '', kind: r.kind },
    );
  };
  const setParent = (parent: string) => setForm({ ...form, parent, kind: kindChosen ? form.kind : levelUnder(kindOf(parent)) });
  const save = async () => {
    if (Object.keys(errs).length || !editing) return;
    try {
      if (editing === 'new') {
        const r = await add.mutateAsync({ nameZh: form.nameZh.trim(), nameEn: form.nameEn.trim() || null, ...(form.code.trim() ? { code: form.code.trim() } : {}), parent: form.parent || null, kind: form.kind });
        setDone(t('settings:territoryTree.added', { code: r.code }));
      } else {
        let code = editing.code;
        const moving = (form.parent || null) !== editing.parent;
        // a new level goes with the move when the parent changes too (a 大区 becomes a province under 华南 in one step)
        const relevel = form.kind !== editing.kind && !moving;
        if (form.nameZh.trim() !== editing.nameZh || (form.nameEn.trim() || null) !== editing.nameEn || form.code.trim() !== editing.code || relevel) {
          code = (
            await rename.mutateAsync({
              code,
              nameZh: form.nameZh.trim(),
              nameEn: form.nameEn.trim() || null,
              ...(form.code.trim() !== editing.code ? { newCode: form.code.trim() } : {}),
              ...(relevel ? { kind: form.kind } : {}),
            })
          ).code;
        }
        if (moving) await move.mutateAsync({ code, parent: form.parent || null, ...(form.kind !== editing.kind ? { kind: form.kind } : {}) });
        setDone(t('settings:territoryTree.saved', { code }));
      }
      setEditing(null);
    } catch {
      /* shown by the banner */
    }
  };

  const columns: SettingsColumn<Territory>[] = [
    {
      header: t('settings:territoryTree.nameZh'),
      style: (r) => ({ paddingLeft: 6 + 16 * depth(r) }),
      cell: (r) => (
        <>
          {r.nameZh}
          {!r.active && ` (${t('settings:territoryTree.inactive')})`}
          {r.hqVersion != null && <HqBadge kind="territory" code={r.code} version={r.hqVersion} />}
        </>
      ),
    },
    { header: t('settings:territoryTree.nameEn'), cell: (r) => r.nameEn },
    { header: t('settings:territoryTree.code'), cell: (r) => <code>{r.code}</code> },
    { header: t('settings:territoryTree.kind'), cell: (r) => t(`settings:territoryTree.kinds.${r.kind}`) },
    { header: t('settings:territoryTree.partners'), cell: (r) => r.partners },
    {
      header: '',
      cell: (r) => (
        <>
          {/* HQ's territories are read-only here (the domain refuses too): no edit offered, the reason on hover. */}
          <span title={r.hqVersion != null ? hqReason('territory', r.code, r.hqVersion) : undefined}>
            <button className="link" disabled={r.hqVersion != null} onClick={() => open(r)} data-testid={`territory-edit-${r.code}`}>
              {t('common:actions.edit')}
            </button>
          </span>{' '}
          {r.kind !== 'city' && (
            <button className="link" onClick={() => open('new', r)} data-testid={`territory-add-under-${r.code}`}>
              {t(r.kind === 'province' ? 'settings:territoryTree.addCity' : 'settings:territoryTree.addBelow')}
            </button>
          )}
        </>
      ),
    },
  ];

  return (
    <SettingsSection
      testId="settings-territories"
      title={t('settings:territoryTree.title')}
      intro={t('settings:territoryTree.intro')}
      add={{ label: t('settings:territoryTree.add'), testId: 'territory-new', onClick: () => open('new') }}
      toolbar={
        <>
          <button onClick={() => setShown(!shown)} data-testid="territory-tree-toggle">
            {shown ? t('settings:territoryTree.hide') : t('settings:territoryTree.show', { count: territories.rows.length })}
          </button>
          {done && <span className="ok" data-testid="territory-done">{done}</span>}
        </>
      }
      error={error}
      form={
        editing && (
          <SettingsForm
            testId="territory-form"
            saveTestId="territory-save"
            canSave={Object.keys(errs).length === 0}
            onSave={() => void save()}
            onCancel={() => setEditing(null)}
            extraActions={
              editing !== 'new' && (
                <>
                  <button type="button" onClick={() => setActive.mutate({ code: editing.code, active: !editing.active }, { onSuccess: (r) => { setEditing(null); setDone(t(r.active ? 'settings:territoryTree.activated' : 'settings:territoryTree.deactivated', { code: r.code })); } })} data-testid="territory-toggle-active">
                    {editing.active ? t('settings:territoryTree.deactivate') : t('settings:territoryTree.activate')}
                  </button>
                  <span className="spacer" />
                  <select value={mergeInto} onChange={(e) => setMergeInto(e.target.value)} data-testid="territory-merge-into" aria-label={t('settings:territoryTree.mergeInto')}>
                    <option value="">{t('settings:territoryTree.mergeInto')}</option>
                    <TerritoryOptions except={editing.code} />
                  </select>
                  <button
                    type="button"
                    className="danger"
                    disabled={!mergeInto}
                    onClick={() => {
                      if (!window.confirm(t('settings:territoryTree.mergeConfirm', { from: territoryLabel(editing, i18n.language), into: territories.name(mergeInto), partners: editing.partners }))) return;
                      merge.mutate({ from: editing.code, into: mergeInto }, { onSuccess: (r) => { setEditing(null); setDone(t('settings:territoryTree.merged', { into: r.into.code, partners: r.movedPartners })); } });
                    }}
                    data-testid="territory-merge"
                  >
                    {t('settings:territoryTree.merge')}
                  </button>
                </>
              )
            }
          >
            <TextField label={t('settings:territoryTree.nameZh')} value={form.nameZh} onChange={(nameZh) => setForm({ ...form, nameZh })} error={errs.nameZh} testId="territory-nameZh" />
            <TextField label={t('settings:territoryTree.nameEn')} value={form.nameEn} onChange={(nameEn) => setForm({ ...form, nameEn })} testId="territory-nameEn" />
            <TextField
              label={t('settings:territoryTree.code')}
              value={form.code}
              onChange={(code) => setForm({ ...form, code })}
              error={errs.code}
              placeholder={editing === 'new' ? t('settings:territoryTree.codeAuto') : undefined}
              testId="territory-code"
            />
            <label>
              <span>{t('settings:territoryTree.parent')}</span>
              <select value={form.parent} onChange={(e) => setParent(e.target.value)} data-testid="territory-parent">
                <option value="">{t('settings:territoryTree.topLevel')}</option>
                <TerritoryOptions except={editing === 'new' ? undefined : editing.code} />
              </select>
            </label>
            <label>
              <span>{t('settings:territoryTree.kind')}</span>
              <select
                value={form.kind}
                onChange={(e) => {
                  setKindChosen(true);
                  setForm({ ...form, kind: e.target.value as TerritoryKind });
                }}
                data-testid="territory-kind"
              >
                {TERRITORY_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`settings:territoryTree.kinds.${k}`)}
                  </option>
                ))}
              </select>
              <small className="muted">{t('settings:territoryTree.kindHint')}</small>
            </label>
          </SettingsForm>
        )
      }
    >
      {shown && <SettingsTable testId="territory-tree" columns={columns} rows={territories.rows} rowKey={(r) => r.code} rowTestId={(r) => `territory-row-${r.code}`} inactive={(r) => !r.active} maxHeight={420} />}
    </SettingsSection>
  );
}
