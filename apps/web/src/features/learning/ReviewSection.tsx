// Reviews of a course: average, distribution, the list (paged) and, for enrolled learners, my rating.
import { useController } from 'react-hook-form';
import { z } from 'zod';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { QueryState } from '../../ui/QueryState';
import { Form, SubmitButton, TextAreaField, useZodForm } from '../../ui/form';
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

const reviewSchema = z.object({
  rating: z.number().int().min(1).max(5),
  comment: z.string().max(2000),
});

function MyReview({ courseId, initial }: { courseId: number; initial: { rating: number; comment: string | null } | null }) {
  const { t } = useI18n();
  const utils = trpc.useUtils();
  const save = trpc.reviews.upsert.useMutation();
  const form = useZodForm(reviewSchema, {
    defaultValues: { rating: initial?.rating ?? 0, comment: initial?.comment ?? '' },
    messages: { rating: 'reviews.ratingRequired' },
    onSubmit: async (v) => {
      await save.mutateAsync({ courseId, ...v });
      await utils.reviews.list.invalidate({ courseId });
    },
    success: t('reviews.saved'),
  });
  return (
    <Form form={form} className="form card">
      <h3 className="module-title">{initial ? t('reviews.editMine') : t('reviews.rate')}</h3>
      <RatingField />
      <TextAreaField name="comment" label={t('reviews.comment')} rows={3} maxLength={2000} />
      <div className="form-actions">
        <SubmitButton>{t('reviews.save')}</SubmitButton>
      </div>
    </Form>
  );
}

function RatingField() {
  const { t } = useI18n();
  const { field, fieldState } = useController({ name: 'rating' });
  return (
    <div className="field">
      <Stars value={field.value as number} onChange={field.onChange} label={t('reviews.yourRating')} />
      {fieldState.error && (
        <p className="field-error" data-field-error="rating">
          {fieldState.error.message}
        </p>
      )}
    </div>
  );
}

export function ReviewSection({ courseId, canReview }: { courseId: number; canReview: boolean }) {
  const { t, locale } = useI18n();
  const list = trpc.reviews.list.useInfiniteQuery(
    { courseId, limit: 5 },
    { getNextPageParam: (last) => last.nextCursor ?? undefined, retry: false },
  );
  if (!list.data) return <QueryState query={list} lines={2} />;
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
