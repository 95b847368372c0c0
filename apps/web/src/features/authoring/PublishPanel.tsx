// Publication: what the course still lacks (same check as the server), and the button.
import type { RouterOutputs } from '@mdsc/api';
import { useState } from 'react';
import { Link } from 'wouter';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { actionErrorText } from '../../ui/form';
import { AUTHORING_ERRORS } from './errors';

type Editor = RouterOutputs['courses']['editor'];

export function PublishPanel({ data }: { data: Editor }) {
  const { t } = useI18n();
  const utils = trpc.useUtils();
  const [missing, setMissing] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = () =>
    Promise.all([utils.courses.editor.invalidate({ id: data.course.id }), utils.courses.mine.invalidate()]);
  const publish = trpc.courses.publish.useMutation({
    onSuccess: (r) => setMissing(r.missing),
    onError: (err) => setError(actionErrorText(t, err, AUTHORING_ERRORS)),
    onSettled: refresh,
  });
  const unpublish = trpc.courses.unpublish.useMutation({ onSettled: refresh });
  const lacks = missing ?? data.missing;
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
      {!published && lacks.length > 0 && (
        <div role="status" className="callout" data-testid="publish-missing">
          <p>{t('authoring.missingIntro')}</p>
          <ul>
            {lacks.map((m) => (
              <li key={m}>{t(`authoring.missing.${m as Editor['missing'][number]}`)}</li>
            ))}
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
