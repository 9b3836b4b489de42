import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Open modals, innermost last: Escape belongs to the top one only. */
const stack: symbol[] = [];

/**
 * A dialog over the page. It takes the focus (first field) and gives it back to what had it when it closes. Escape or a
 * backdrop click closes it while nothing was typed into it; once a field was changed both ask first whether to discard
 * the changes (a filled form is never thrown away by a stray click). Enter submits through the form inside, as any form.
 */
export function Modal({ title, children, onClose, testId, wide }: { title: string; children: ReactNode; onClose?: () => void; testId?: string; wide?: boolean }) {
  const { t } = useTranslation('common');
  const [dirty, setDirty] = useState(false);
  const [asking, setAsking] = useState(false);
  const dialog = useRef<HTMLDivElement>(null);
  const state = useRef({ dirty, asking, onClose });
  state.current = { dirty, asking, onClose };

  const requestClose = () => {
    const { dirty, onClose } = state.current;
    if (!onClose) return;
    if (dirty) setAsking(true);
    else onClose();
  };

  useEffect(() => {
    const id = Symbol('modal');
    stack.push(id);
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const box = dialog.current;
    if (box && !box.contains(document.activeElement)) {
      const first = box.querySelector<HTMLElement>('input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), button:not([disabled])');
      (first ?? box).focus();
    }
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || stack[stack.length - 1] !== id) return;
      e.preventDefault();
      e.stopPropagation();
      if (state.current.asking) setAsking(false);
      else requestClose();
    };
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      stack.splice(stack.indexOf(id), 1);
      if (opener && opener.isConnected) opener.focus();
    };
  }, []);

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && requestClose()}>
      <div
        ref={dialog}
        tabIndex={-1}
        className={wide ? 'modal wide' : 'modal'}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        data-testid={testId}
        data-dirty={dirty ? 'true' : undefined}
        onInputCapture={() => setDirty(true)}
        onChangeCapture={(e) => e.target instanceof HTMLElement && e.target.matches('input, select, textarea') && setDirty(true)}
      >
        <h2>{title}</h2>
        {children}
        {asking && (
          <div className="modal-discard" role="alertdialog" aria-label={t('modal.discardTitle')} data-testid="modal-discard">
            <p>{t('modal.discardTitle')}</p>
            <div className="actions">
              <div className="spacer" />
              <button type="button" autoFocus onClick={() => setAsking(false)} data-testid="modal-keep">
                {t('modal.keepEditing')}
              </button>
              <button type="button" className="danger" onClick={() => onClose?.()} data-testid="modal-discard-confirm">
                {t('modal.discard')}
              </button>
            </div>
          </div>
        )}
      </div>
    </div>
  );
}

/**
 * A dialog's body as one form, for dialogs not built on a form of their own: Enter in a field submits (the browser's
 * own behaviour for a form with a submit button — make the primary button `type="submit"`), Enter in a textarea still
 * starts a new line, and checking is the app's, not the browser's (`noValidate`).
 */
export function DialogForm({ onSubmit, children, className }: { onSubmit: () => void; children: ReactNode; className?: string }) {
  return (
    <form
      noValidate
      className={className}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {children}
    </form>
  );
}
