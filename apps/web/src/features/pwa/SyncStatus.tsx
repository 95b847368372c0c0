// The learning calls (completions, quiz answers) waiting for the network, and those the server
// refused when they were replayed: shown under the header until the learner dismisses them. Mounting
// it starts the replay (on `online`, on an interval and now).
import { useCallback } from 'react';
import { useI18n } from '../../i18n';
import { dismissRefusals, useLearningQueue, useLearningSync } from '../../lib/heartbeat-queue';
import { trpc } from '../../lib/trpc';
import { learningErrorKey } from '../learning/errors';

export function SyncStatus({ online }: { online: boolean }) {
  const { t } = useI18n();
  const utils = trpc.useUtils();
  // A completion or quiz answer went through: every page's data may have changed (XP, progress).
  const refresh = useCallback(() => void utils.invalidate(), [utils]);
  useLearningSync(refresh);
  const { pending, refused } = useLearningQueue();
  const waiting = pending.filter((c) => c.kind !== 'beat').length;
  return (
    <>
      {waiting > 0 && (
        <p className="status-bar" data-testid="sync-pending">
          {t(online ? 'pwa.syncing' : 'pwa.pending', { count: waiting })}
        </p>
      )}
      {refused.length > 0 && (
        <div className="status-bar refused-bar" data-testid="sync-refused">
          <p>{t('pwa.refused', { count: refused.length })}</p>
          <ul>
            {refused.map((r) => (
              <li key={`${r.at}-${r.title}`}>
                <strong>{r.title}</strong> —{' '}
                {t(learningErrorKey({ data: { reason: r.reason, code: r.reason } }))}
              </li>
            ))}
          </ul>
          <button type="button" className="link-button" onClick={dismissRefusals}>
            {t('pwa.refusedDismiss')}
          </button>
        </div>
      )}
    </>
  );
}
