// The lesson player: the material, time and position reported every 30 s (and on pause, end and
// leaving), "completed", previous / next, and the course path: the lesson comes first; the path is a
// side column on desktop and a drawer on phones.
import { useMutation } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useEffect, useId, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'wouter';
import { useI18n } from '../../i18n';
import { submitLearning, useHeartbeatSender, useLearningQueue } from '../../lib/heartbeat-queue';
import { whenIdle } from '../../lib/idle';
import { trpc } from '../../lib/trpc';
import { QueryState, Skeleton } from '../../ui/QueryState';
import { CourseOutline, LockIcon } from './CourseOutline';
import { learningErrorKey } from './errors';
import { LessonBody } from './LessonBody';
import { OutlineDrawer, OutlineToggle } from './OutlineDrawer';
import './learning.css';

// Only some lessons are assignments or H5P/SCORM packages: their panels (submission form, players)
// are chunks of their own, fetched when such a lesson shows, not with every lesson (issue 17).
const AssignmentPanel = lazy(() => import('../assignments/AssignmentPanel').then((m) => ({ default: m.AssignmentPanel })));
const PackageLesson = lazy(() => import('../packages/PackageLesson').then((m) => ({ default: m.PackageLesson })));

const BEAT_MS = 30_000;
type CompleteResult = Awaited<ReturnType<ReturnType<typeof trpc.useUtils>['client']['progress']['completeLesson']['mutate']>>;

/** A speech bubble drawn inline: emoji fonts are missing on many phones (and in Chromium here). */
function ChatIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d="M2 3.5A1.5 1.5 0 0 1 3.5 2h9A1.5 1.5 0 0 1 14 3.5v6a1.5 1.5 0 0 1-1.5 1.5H7l-3 3v-3h-.5A1.5 1.5 0 0 1 2 9.5v-6Z" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
    </svg>
  );
}

export function LessonPage() {
  const { t } = useI18n();
  const params = useParams<{ slug: string; lessonId: string }>();
  const lessonId = Number(params.lessonId);
  const [, navigate] = useLocation();
  const utils = trpc.useUtils();
  const lesson = trpc.progress.lesson.useQuery({ lessonId }, { retry: false, enabled: Number.isInteger(lessonId) && lessonId > 0 });
  const outline = trpc.progress.course.useQuery({ slug: params.slug }, { retry: false });
  const start = trpc.progress.start.useMutation();
  // Heartbeats go through a retry queue (lib/heartbeat-queue): a dropped connection loses no progress.
  const sendHeartbeat = useHeartbeatSender();
  // Completing goes through the same queue as the heartbeats, after them: offline it is kept and
  // sent when the network is back, and the server judges it then.
  const complete = useMutation({
    networkMode: 'always',
    mutationFn: (call: { lessonId: number; title: string }) => submitLearning({ kind: 'complete', ...call }),
  });
  const { pending } = useLearningQueue();
  const queued = pending.some((c) => c.kind === 'complete' && c.lessonId === lessonId);
  const mediaRef = useRef<HTMLMediaElement>(null);
  const lastBeat = useRef(Date.now());
  const enrolled = !!lesson.data?.progress;
  const drawerId = useId();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const closeDrawer = useCallback(() => setDrawerOpen(false), []);
  // Following a link in the drawer (another lesson) closes it.
  useEffect(() => setDrawerOpen(false), [lessonId]);

  const refresh = useCallback(
    () =>
      Promise.all([
        utils.progress.lesson.invalidate({ lessonId }),
        utils.progress.course.invalidate({ slug: params.slug }),
        utils.enrollments.mine.invalidate(),
      ]),
    [utils, lessonId, params.slug],
  );

  // Report time since the last report, and where the player is.
  const sendBeat = useCallback(() => {
    if (!enrolled) return;
    const now = Date.now();
    const seconds = Math.min(120, Math.round((now - lastBeat.current) / 1000));
    lastBeat.current = now;
    const m = mediaRef.current;
    const position = m && Number.isFinite(m.currentTime) ? m.currentTime : null;
    if (seconds === 0 && position === null) return;
    // No duration: the server judges against the length it knows, never the player's.
    sendHeartbeat({ lessonId, seconds, positionSeconds: position })
      .then((r) => {
        if (r?.completedNow) void refresh();
      })
      .catch(() => undefined); // refused by the server (e.g. not enrolled): nothing to retry
    // sendHeartbeat is stable across renders.
  }, [enrolled, lessonId]);

  useEffect(() => {
    if (!enrolled) return;
    // Marking the lesson started waits for an idle main thread (within 2 s): its answer refreshes
    // the outline, work that has no place in the page's first seconds (issue 17).
    const started = whenIdle(() =>
      start.mutate({ lessonId }, { onSuccess: () => void utils.progress.course.invalidate({ slug: params.slug }) }),
    );
    lastBeat.current = Date.now();
    const timer = setInterval(() => document.visibilityState === 'visible' && sendBeat(), BEAT_MS);
    const onHide = () => document.visibilityState === 'hidden' && sendBeat();
    document.addEventListener('visibilitychange', onHide);
    return () => {
      started.cancel();
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onHide);
      sendBeat();
    };
    // Once per lesson (start and the timer must not restart on every render).
  }, [enrolled, lessonId]);

  // Media: resume at the stored position; report on pause and at the end.
  const onMediaReady = useCallback(() => {
    const m = mediaRef.current;
    const pos = lesson.data?.progress?.lastPositionSeconds ?? 0;
    if (m && pos > 0 && pos < m.duration - 5) m.currentTime = pos;
    if (m) {
      m.onpause = () => sendBeat();
      m.onended = () => sendBeat();
    }
  }, [lesson.data?.progress?.lastPositionSeconds, sendBeat]);

  if (!lesson.data || !outline.data) {
    return (
      <QueryState
        query={lesson.data ? outline : lesson}
        errorText={(err) => t(learningErrorKey(err))}
        errorAction={<Link href={`/learn/${params.slug}`}>{t('learn.backToCourse')}</Link>}
      />
    );
  }
  const d = lesson.data;
  const p = d.progress;
  const isQuizLesson = !!d.quiz;
  // An assignment completes when it is graded at its pass mark, never by hand.
  const isAssignment = d.lesson.contentType === 'assignment';
  const isPackage = d.lesson.contentType === 'scorm' || d.lesson.contentType === 'h5p';
  const done = p?.status === 'completed';

  const onComplete = () =>
    complete.mutate(
      { lessonId, title: d.lesson.title },
      {
        onSuccess: async (sent) => {
          if (!sent.sent) return; // kept for later: the queue's banner and this page say so
          const r = sent.result as CompleteResult;
          await refresh();
          if (r.courseCompleted) navigate(`/learn/${params.slug}/complete`);
          else if (d.nextLessonId) navigate(`/learn/${params.slug}/lessons/${d.nextLessonId}`);
        },
      },
    );

  return (
    <div className="learn-grid lesson-layout">
      <article className="stack lesson-main">
        <div className="lesson-toolbar">
          <OutlineToggle open={drawerOpen} onOpen={() => setDrawerOpen(true)} controls={drawerId} />
          <Link href={`/learn/${params.slug}`} className="lesson-course-link small">
            {d.course.title}
          </Link>
          <nav className="lesson-steps" aria-label={t('learn.lessonNavShort')}>
            {d.previousLessonId ? (
              <Link href={`/learn/${params.slug}/lessons/${d.previousLessonId}`} aria-label={t('learn.previous')} title={t('learn.previous')}>
                ←
              </Link>
            ) : null}
            {d.nextLessonId && !d.nextLocked ? (
              <Link href={`/learn/${params.slug}/lessons/${d.nextLessonId}`} aria-label={t('learn.next')} title={t('learn.next')}>
                →
              </Link>
            ) : null}
          </nav>
        </div>
        <header>
          {d.moduleTitle && <p className="muted small">{d.moduleTitle}</p>}
          <h1 data-testid="lesson-title">{d.lesson.title}</h1>
          {done && <span className="badge ok">{t('learn.lessonDone')}</span>}
          {!done && queued && (
            <span className="badge warn" data-testid="complete-pending">
              {t('learn.completePending')}
            </span>
          )}
        </header>
        <LessonBody key={lessonId} ref={mediaRef} lesson={d.lesson} onMediaReady={onMediaReady} />
        {((isAssignment && p) || isPackage) && (
          <Suspense fallback={<Skeleton lines={4} />}>
            {isAssignment && p && <AssignmentPanel lessonId={lessonId} />}
            {isPackage && <PackageLesson key={`pkg-${lessonId}`} lessonId={lessonId} onCompleted={() => void refresh()} />}
          </Suspense>
        )}
        {isPackage && p && !done && <p className="muted small">{t('pkg.completesItself')}</p>}
        {isQuizLesson && d.quiz && (
          <div className="card">
            <p>{d.quiz.passed ? t('learn.quizLessonPassed') : t('learn.quizLessonTodo')}</p>
            <Link className="button primary" href={`/learn/${params.slug}/quiz/${d.quiz.id}`}>
              {d.quiz.passed ? t('quiz.seeResults') : t('quiz.take')}
            </Link>
          </div>
        )}
        {queued && !done && <p className="callout small">{t('learn.completeQueued')}</p>}
        {p && !isQuizLesson && !isAssignment && !isPackage && !done && !queued && (
          <div className="form-actions">
            <button type="button" onClick={onComplete} disabled={complete.isPending} data-testid="complete-lesson">
              {t('learn.markComplete')}
            </button>
            {(d.lesson.contentType === 'video' || d.lesson.contentType === 'audio') && (
              <span className="muted small">{t('learn.watchShare', { value: Math.round(d.completionShare * 100) })}</span>
            )}
          </div>
        )}
        <p className="lesson-discuss">
          <Link
            href={`/discussions/course/${d.course.id}?lesson=${lessonId}&new=1`}
            data-testid="discuss-lesson"
          >
            <ChatIcon /> {t('disc.discussLesson')}
          </Link>{' '}
          · <Link href={`/discussions/course/${d.course.id}?lesson=${lessonId}`}>{t('disc.courseDiscussions')}</Link>
        </p>
        {complete.error && (
          <p role="alert" className="form-error">
            {(complete.error as { data?: { field?: string } }).data?.field === 'lessonId'
              ? t('learn.error.watch_more', { value: Math.round(d.completionShare * 100) })
              : t(learningErrorKey(complete.error))}
          </p>
        )}
        <nav className="lesson-nav" aria-label={t('learn.lessonNav')}>
          {d.previousLessonId ? (
            <Link href={`/learn/${params.slug}/lessons/${d.previousLessonId}`}>← {t('learn.previous')}</Link>
          ) : (
            <span />
          )}
          {d.nextLessonId && !d.nextLocked ? (
            <Link href={`/learn/${params.slug}/lessons/${d.nextLessonId}`} data-testid="next-lesson">
              {t('learn.next')} →
            </Link>
          ) : d.nextLessonId ? (
            <span className="muted small">
              <LockIcon /> {t('learn.nextLocked')}
            </span>
          ) : (
            <Link href={`/learn/${params.slug}`}>{t('learn.backToCourse')}</Link>
          )}
        </nav>
      </article>
      <OutlineDrawer id={drawerId} open={drawerOpen} onClose={closeDrawer}>
        <p className="small">
          <Link href={`/learn/${params.slug}`}>← {d.course.title}</Link>
        </p>
        <CourseOutline data={outline.data} currentLessonId={lessonId} />
      </OutlineDrawer>
    </div>
  );
}
