// A level-up or a new badge, celebrated in a modal dialog (native <dialog>: focus moves in, Escape
// closes, focus returns). The burst animation is off under prefers-reduced-motion. Only the
// learner's own actions (button, Escape) dismiss it: effects may be re-run by React, and the
// dialog's asynchronous `close` event would then dismiss a celebration nobody saw.
import { useEffect, useRef } from 'react';
import { Link } from 'wouter';
import { useI18n } from '../../i18n';
import { TierMedal } from './TierMedal';
import './gamification-celebration.css';

export type CelebrationItem =
  | { kind: 'level'; level: number; name: string }
  | { kind: 'badge'; name: string; tier: string; icon: string | null };

export function Celebration({ item, onClose }: { item: CelebrationItem; onClose(): void }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => {
      if (d?.open) d.close();
    };
  }, [item]);
  const title = item.kind === 'level' ? t('gam.celebrate.levelUp', { level: item.level }) : t('gam.celebrate.badge', { name: item.name });
  return (
    <dialog
      ref={ref}
      className="celebration"
      aria-labelledby="celebration-title"
      onCancel={(e) => {
        e.preventDefault(); // Escape: dismiss through the same path as the button
        onClose();
      }}
      data-testid={item.kind === 'level' ? 'level-celebration' : 'badge-celebration'}
    >
      <div className="burst" aria-hidden="true">
        {Array.from({ length: 12 }, (_, i) => (
          <span key={i} style={{ transform: `rotate(${i * 30}deg)` }} />
        ))}
      </div>
      {item.kind === 'level' ? (
        <div className="celebration-medal level" aria-hidden="true">
          {item.level}
        </div>
      ) : (
        <TierMedal tier={item.tier} icon={item.icon} large />
      )}
      <h2 id="celebration-title">{title}</h2>
      {item.kind === 'level' && <p>{t('gam.celebrate.levelName', { name: item.name })}</p>}
      {item.kind === 'badge' && <p className="muted">{t(`gam.tier.${item.tier}` as 'gam.tier.bronze')}</p>}
      <div className="form-actions celebration-actions">
        <button type="button" onClick={onClose} autoFocus>
          {t('gam.celebrate.close')}
        </button>
        <Link href="/achievements" onClick={onClose}>
          {t('gam.celebrate.see')}
        </Link>
      </div>
    </dialog>
  );
}
