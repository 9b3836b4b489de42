import type { ReactNode } from 'react';

export function Modal({ title, children, onClose, testId, wide }: { title: string; children: ReactNode; onClose?: () => void; testId?: string; wide?: boolean }) {
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose?.()}>
      <div className={wide ? 'modal wide' : 'modal'} role="dialog" aria-modal="true" aria-label={title} data-testid={testId}>
        <h2>{title}</h2>
        {children}
      </div>
    </div>
  );
}
