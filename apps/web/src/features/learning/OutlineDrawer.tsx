// The course path beside the lesson: a side column on desktop, a drawer on phones (opened by a
// button in the lesson's toolbar, closed by its own button, the backdrop, Escape or following a link).
import { useEffect, useRef, type ReactNode } from 'react';
import { useI18n } from '../../i18n';

export function OutlineToggle({ open, onOpen, controls }: { open: boolean; onOpen(): void; controls: string }) {
  const { t } = useI18n();
  return (
    <button
      type="button"
      className="secondary outline-toggle"
      aria-expanded={open}
      aria-controls={controls}
      onClick={onOpen}
      data-testid="outline-toggle"
    >
      <span aria-hidden="true">☰</span> {t('learn.outlineOpen')}
    </button>
  );
}

export function OutlineDrawer({
  id,
  open,
  onClose,
  children,
}: {
  id: string;
  open: boolean;
  onClose(): void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open, onClose]);
  return (
    <>
      {open && <div className="drawer-backdrop" onClick={onClose} aria-hidden="true" />}
      <aside
        id={id}
        className={open ? 'card outline-drawer open' : 'card outline-drawer'}
        aria-label={t('learn.outline')}
        data-testid="outline-drawer"
      >
        <div className="drawer-head">
          <p className="drawer-title">{t('learn.outline')}</p>
          <button type="button" ref={closeRef} className="ghost drawer-close" onClick={onClose} aria-label={t('learn.outlineClose')}>
            ✕
          </button>
        </div>
        {children}
      </aside>
    </>
  );
}
