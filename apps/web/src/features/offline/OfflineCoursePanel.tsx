// "Télécharger pour hors-ligne" on the course page of an enrolled learner: the size of the download
// before it starts (with or without audio and video) and the space this site uses, progress, and
// the kept copy with its date and size, to update or delete. Loaded lazily (features/offline).
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { trpc } from '../../lib/trpc';
import { useOnline } from '../pwa/AppStatus';
import {
  downloadCourse,
  offlineSupported,
  planCourse,
  removeCourse,
  savedCourses,
  storageEstimate,
  type Plan,
  type SavedCourse,
} from './offline-course';
import { summarize } from './planner';
import './offline.css';

type State =
  | { step: 'idle' }
  | { step: 'planning' }
  | { step: 'ready'; plan: Plan }
  | { step: 'downloading'; done: number; total: number }
  | { step: 'failed'; message: string };

export function OfflineCoursePanel({ slug }: { slug: string }) {
  const { t } = useI18n();
  const f = useFormat();
  const utils = trpc.useUtils();
  const online = useOnline();
  const [state, setState] = useState<State>({ step: 'idle' });
  const [includeMedia, setIncludeMedia] = useState(false);
  const [saved, setSaved] = useState<SavedCourse | null>(() => savedCourses()[slug] ?? null);
  const [storage, setStorage] = useState<{ usage: number; quota: number } | null>(null);
  const refreshStorage = () => void storageEstimate().then(setStorage);
  useEffect(refreshStorage, [saved]);

  if (!offlineSupported()) {
    return (
      <section className="card offline-panel" aria-labelledby="offline-title">
        <h2 id="offline-title">{t('offline.title')}</h2>
        <p className="muted small">{t('offline.unsupported')}</p>
      </section>
    );
  }

  const prepare = async () => {
    setState({ step: 'planning' });
    try {
      setState({ step: 'ready', plan: await planCourse(utils.client, slug) });
    } catch (err) {
      setState({ step: 'failed', message: err instanceof Error ? err.message : String(err) });
    }
  };
  const start = async (plan: Plan) => {
    setState({ step: 'downloading', done: 0, total: 1 });
    try {
      setSaved(
        await downloadCourse(plan, includeMedia, (done, total) =>
          setState({ step: 'downloading', done, total }),
        ),
      );
      setState({ step: 'idle' });
    } catch (err) {
      setState({ step: 'failed', message: err instanceof Error ? err.message : String(err) });
    }
  };
  const remove = async () => {
    await removeCourse(slug);
    setSaved(null);
  };

  const plan = state.step === 'ready' ? state.plan : null;
  const choice = plan ? summarize(plan.files, plan.dataBytes, includeMedia) : null;
  return (
    <section className="card offline-panel stack" aria-labelledby="offline-title" data-testid="offline-panel">
      <h2 id="offline-title">
        {t('offline.title')} {saved && <span className="badge ok">{t('offline.available')}</span>}
      </h2>
      {saved ? (
        <p data-testid="offline-saved">
          {t('offline.saved', {
            date: f.dateTime(saved.savedAt),
            size: f.bytes(saved.bytes),
            lessons: saved.lessonIds.length,
          })}
        </p>
      ) : (
        <p className="muted small">{t('offline.intro')}</p>
      )}
      {storage && (
        <p className="muted small" data-testid="offline-storage">
          {t('offline.storage', { used: f.bytes(storage.usage), quota: f.bytes(storage.quota) })}
        </p>
      )}
      {plan && choice ? (
        <div className="stack offline-plan" data-testid="offline-plan">
          <p data-testid="offline-estimate">
            {t('offline.estimate', {
              size: f.bytes(choice.bytes),
              lessons: plan.views.length,
              files: choice.files.length,
            })}
          </p>
          {plan.locked > 0 && <p className="muted small">{t('offline.locked', { count: plan.locked })}</p>}
          <label className="checkbox">
            <input
              type="checkbox"
              checked={includeMedia}
              disabled={choice.media.files === 0}
              onChange={(e) => setIncludeMedia(e.target.checked)}
              data-testid="offline-include-media"
            />{' '}
            {t('offline.includeMedia')}
          </label>
          <p className="muted small">
            {t('offline.mediaExtra', { files: choice.media.files, size: f.bytes(choice.media.bytes) })}
          </p>
          <div className="form-actions">
            <button
              type="button"
              className="primary"
              onClick={() => void start(plan)}
              disabled={!online}
              data-testid="offline-start"
            >
              {t('offline.start')}
            </button>
            <button type="button" className="secondary" onClick={() => setState({ step: 'idle' })}>
              {t('offline.cancel')}
            </button>
          </div>
        </div>
      ) : state.step === 'downloading' ? (
        <div className="stack" role="status">
          <progress max={state.total} value={state.done} aria-label={t('offline.download')} />
          <p className="small">{t('offline.progress', { done: state.done, total: state.total })}</p>
        </div>
      ) : (
        <div className="form-actions">
          <button
            type="button"
            className={saved ? 'secondary' : 'primary'}
            onClick={() => void prepare()}
            disabled={!online || state.step === 'planning'}
            data-testid="offline-download"
          >
            {state.step === 'planning'
              ? t('offline.planning')
              : saved
                ? t('offline.refresh')
                : t('offline.download')}
          </button>
          {saved && (
            <button
              type="button"
              className="secondary"
              onClick={() => void remove()}
              data-testid="offline-remove"
            >
              {t('offline.remove')}
            </button>
          )}
        </div>
      )}
      {!online && !saved && <p className="muted small">{t('offline.needOnline')}</p>}
      {state.step === 'failed' && (
        <p role="alert" className="form-error">
          {t('offline.failed', { message: state.message })}
        </p>
      )}
    </section>
  );
}
