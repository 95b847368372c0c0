// Reviews of a course: average, distribution, the list (paged) and, for enrolled learners, my rating.
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { learningErrorKey } from './errors';
import './learning.css';

function Stars({ value, onChange, label }: { value: number; onChange?: (n: number) => void; label: string }) {
  const { t } = useI18n();
  if (!onChange) {
    return (
      <span className="stars" role="img" aria-label={label}>
        {[1, 2, 3, 4, 5].map((n) => (
          <span key={n} className={n <= Math.round(value) ? '' : 'off'} aria-hidden="true">
            ★
          </span>
        ))}
      </span>
    );
  }
  return (
    <span className="stars" role="radiogroup" aria-label={label}>
      {[1, 2, 3, 4, 5].map((n) => (
        <button
          key={n}
          type="button"
          role="radio"
          aria-checked={n === value}
          aria-label={t('reviews.stars', { count: n })}
          className={n <= value ? '' : 'off'}
          onClick={() => onChange(n)}
        >
          ★
        </button>
      ))}
    </span>
  );
}

function MyReview({ courseId, initial }: { courseId: number; initial: { rating: number; comment: string | null } | null }) {
  const { t } = useI18n();
  const utils = trpc.useUtils();
  const [rating, setRating] = useState(initial?.rating ?? 0);
  const [comment, setComment] = useState(initial?.comment ?? '');
  const save = trpc.reviews.upsert.useMutation({ onSuccess: () => utils.reviews.list.invalidate({ courseId }) });
  return (
    <form
      className="form card"
      onSubmit={(ev) => {
        ev.preventDefault();
        if (rating > 0) save.mutate({ courseId, rating, comment });
      }}
    >
      <h3 className="module-title">{initial ? t('reviews.editMine') : t('reviews.rate')}</h3>
      <Stars value={rating} onChange={setRating} label={t('reviews.yourRating')} />
      <div className="field">
        <label htmlFor="review-comment">{t('reviews.comment')}</label>
        <textarea id="review-comment" rows={3} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} />
      </div>
      <div className="form-actions">
        <button type="submit" disabled={rating === 0 || save.isPending}>
          {t('reviews.save')}
        </button>
        {save.isSuccess && <span role="status">{t('reviews.saved')}</span>}
        {save.isError && (
          <span role="alert" className="form-error">
            {t(learningErrorKey(save.error))}
          </span>
        )}
      </div>
    </form>
  );
}

export function ReviewSection({ courseId, canReview }: { courseId: number; canReview: boolean }) {
  const { t, locale } = useI18n();
  const list = trpc.reviews.list.useInfiniteQuery(
    { courseId, limit: 5 },
    { getNextPageParam: (last) => last.nextCursor ?? undefined, retry: false },
  );
  if (list.isPending) return <p aria-busy="true">{t('common.loading')}</p>;
  if (list.isError) return null;
  const first = list.data.pages[0];
  const items = list.data.pages.flatMap((p) => p.items);
  const fmt = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  return (
    <section className="stack" aria-labelledby="reviews">
      <h2 id="reviews">{t('reviews.title')}</h2>
      {first.count > 0 ? (
        <p>
          <Stars value={first.average} label={t('reviews.average', { value: fmt.format(first.average) })} />{' '}
          {t('reviews.summary', { value: fmt.format(first.average), count: first.count })}
        </p>
      ) : (
        <p className="muted">{t('reviews.none')}</p>
      )}
      {canReview && <MyReview key={first.mine?.id ?? 0} courseId={courseId} initial={first.mine} />}
      <ul className="list">
        {items.map((r) => (
          <li key={r.id} className="card">
            <div className="row">
              <strong>{r.authorName}</strong>
              <Stars value={r.rating} label={t('reviews.stars', { count: r.rating })} />
            </div>
            {r.comment && <p>{r.comment}</p>}
            <p className="muted small">{new Date(r.updatedAt).toLocaleDateString(locale)}</p>
          </li>
        ))}
      </ul>
      {list.hasNextPage && (
        <button type="button" className="secondary" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
          {t('reviews.more')}
        </button>
      )}
    </section>
  );
}
