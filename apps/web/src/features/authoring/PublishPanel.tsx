// Publication: what the course still lacks (the server's own check, one entry per thing to fix,
// each with a link to it in the builder), and the button. A refused publish says so plainly.
import type { RouterOutputs } from '@mdsc/api';
import { TRPCClientError } from '@trpc/client';
import { useState } from 'react';
import { Link } from 'wouter';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { actionErrorText } from '../../ui/form';
import { AUTHORING_ERRORS } from './errors';
import './builder.css';

type Editor = RouterOutputs['courses']['editor'];
type Problem = Editor['problems'][number];

/** Where in the builder each problem is fixed (anchors set by CourseBuilderPage and CurriculumEditor). */
function fixAnchor(p: Problem): string | null {
  // Quiz problems are fixed in the quiz editor, reached from the builder's quiz section.
  if (p.code === 'finalQuizWithoutQuestions') return '#final-quiz';
  if (p.code.startsWith('quiz') && p.lessonId !== null) return `#quiz-for-lesson-${p.lessonId}`;
  if (p.lessonId !== null) return `#lesson-${p.lessonId}`;
  if (p.moduleId !== null) return `#module-${p.moduleId}`;
  if (p.code === 'publishedLesson') return '#curriculum-title';
  if (p.code === 'title' || p.code === 'description' || p.code === 'category') return '#course-fields';
  return null;
}

function problemsOf(err: unknown): Problem[] | null {
  if (!(err instanceof TRPCClientError)) return null;
  const data = err.data as { code?: string; problems?: Problem[] | null } | undefined;
  return data?.code === 'PRECONDITION_FAILED' && Array.isArray(data.problems) ? data.problems : null;
}

export function PublishPanel({ data }: { data: Editor }) {
  const { t } = useI18n();
  const utils = trpc.useUtils();
  const [refused, setRefused] = useState(false);
  const [justPublished, setJustPublished] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const refresh = () =>
    Promise.all([utils.courses.editor.invalidate({ id: data.course.id }), utils.courses.mine.invalidate()]);
  const publish = trpc.courses.publish.useMutation({
    onMutate: () => {
      setError(null);
      setRefused(false);
      setJustPublished(false);
    },
    onSuccess: () => setJustPublished(true),
    onError: (err) => {
      // The refusal carries the same list the editor shows; the refresh below brings it up to date.
      if (problemsOf(err)) setRefused(true);
      else setError(actionErrorText(t, err, AUTHORING_ERRORS));
    },
    onSettled: refresh,
  });
  const unpublish = trpc.courses.unpublish.useMutation({
    onMutate: () => setJustPublished(false),
    onSettled: refresh,
  });
  const problems = data.problems;
  const published = data.course.isPublished;

  return (
    <section aria-labelledby="publish-title" className="card stack publish-panel">
      <h2 id="publish-title">{t('authoring.publication')}</h2>
      <p>
        <span className={`badge ${published ? 'ok' : 'warn'}`} data-testid="publish-status">
          {published ? t('authoring.published') : t('authoring.draft')}
        </span>{' '}
        <Link href={`/courses/${data.course.slug}`}>{t('authoring.viewPage')}</Link>
      </p>
      {refused && !published && problems.length > 0 && (
        <p role="alert" className="form-error" data-testid="publish-refused">
          {t('authoring.publishRefused')}
        </p>
      )}
      {justPublished && published && (
        <p role="status" className="publish-ok">
          {t('authoring.publishedNow')}
        </p>
      )}
      {!published && problems.length > 0 && (
        <div className="callout" data-testid="publish-missing">
          <p>{t('authoring.missingIntro')}</p>
          <ul className="publish-problems">
            {problems.map((p) => {
              const anchor = fixAnchor(p);
              const text = t(p.key, { title: p.title ?? '' });
              return (
                <li key={`${p.code}-${p.moduleId}-${p.lessonId}-${p.quizId}`} data-problem={p.code}>
                  {text}
                  {anchor && (
                    <>
                      {' '}
                      <a href={anchor} aria-label={t('authoring.problemFixNamed', { title: text })}>
                        {t('authoring.problemFix')}
                      </a>
                    </>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      )}
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      {published ? (
        <button
          type="button"
          className="secondary"
          onClick={() => unpublish.mutate({ id: data.course.id })}
          disabled={unpublish.isPending}
        >
          {t('authoring.unpublish')}
        </button>
      ) : (
        <button
          type="button"
          onClick={() => publish.mutate({ id: data.course.id })}
          disabled={publish.isPending}
        >
          {t('authoring.publish')}
        </button>
      )}
    </section>
  );
}
