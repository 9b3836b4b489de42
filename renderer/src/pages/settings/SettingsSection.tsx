import type { ComponentProps, CSSProperties, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorBanner } from '../../components/ErrorBanner';

/**
 * The pattern of a settings list a channel manager keeps (territories, channel managers, products): a titled section
 * with its purpose, a toolbar whose first button adds an entry, the refusal banner, the add/edit form (shown above the
 * list, where the button that opened it is, however long the list), then the list.
 */
export function SettingsSection({
  testId,
  title,
  intro,
  add,
  toolbar,
  error,
  form,
  children,
}: {
  testId: string;
  title: string;
  intro: string;
  /** The primary "add" button. */
  add: { label: string; testId: string; onClick: () => void };
  /** Further toolbar content after the add button (a show/hide toggle, the last outcome). */
  toolbar?: ReactNode;
  error: ComponentProps<typeof ErrorBanner>['error'];
  /** The open add/edit form, if any (a SettingsForm). */
  form?: ReactNode;
  /** The list (a SettingsTable). */
  children: ReactNode;
}) {
  return (
    <section data-testid={testId}>
      <h2>{title}</h2>
      <p className="muted">{intro}</p>
      <div className="toolbar-row">
        <button className="primary" onClick={add.onClick} data-testid={add.testId}>
          {add.label}
        </button>
        {toolbar}
      </div>
      <ErrorBanner error={error} />
      {form}
      {children}
    </section>
  );
}

/**
 * The add/edit form of a settings list: its fields on the form grid, then Save (disabled while a field check fails;
 * Enter submits) and Cancel, then any further actions of the entry being edited.
 */
export function SettingsForm({
  testId,
  saveTestId,
  canSave,
  onSave,
  onCancel,
  extraActions,
  children,
}: {
  testId: string;
  saveTestId: string;
  canSave: boolean;
  onSave: () => void;
  onCancel: () => void;
  extraActions?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation('common');
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (canSave) onSave();
      }}
      className="form-grid settings-form"
      data-testid={testId}
    >
      {children}
      <div className="actions span2">
        <button type="submit" className="primary" disabled={!canSave} data-testid={saveTestId}>
          {t('common:actions.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common:actions.cancel')}
        </button>
        {extraActions}
      </div>
    </form>
  );
}

export interface SettingsColumn<T> {
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** Per-row cell style (a tree's indentation). */
  style?: (row: T) => CSSProperties | undefined;
  testId?: (row: T) => string;
}

/**
 * A settings list as a table: inactive entries muted, the last column the row's actions. Renders nothing until the
 * rows have arrived; `empty` (if given) replaces the table when there are none.
 */
export function SettingsTable<T>({
  testId,
  columns,
  rows,
  rowKey,
  rowTestId,
  inactive,
  empty,
  maxHeight,
}: {
  testId: string;
  columns: SettingsColumn<T>[];
  rows: T[] | undefined;
  rowKey: (row: T) => string | number;
  rowTestId: (row: T) => string;
  inactive: (row: T) => boolean;
  empty?: ReactNode;
  /** A long list (a territory tree) scrolls inside the section instead of lengthening the page. */
  maxHeight?: number;
}) {
  if (!rows) return null;
  if (rows.length === 0 && empty) return <>{empty}</>;
  const table = (
    <table className="compare-table" data-testid={testId}>
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th key={i}>{c.header}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={rowKey(r)} className={inactive(r) ? 'muted' : undefined} data-testid={rowTestId(r)}>
            {columns.map((c, i) => (
              <td key={i} style={c.style?.(r)} data-testid={c.testId?.(r)}>
                {c.cell(r)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return maxHeight ? <div style={{ maxHeight, overflow: 'auto' }}>{table}</div> : table;
}
