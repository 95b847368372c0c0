// A course's discussions: sort, category and lesson filters, search, unread markers, cursor pages,
// and the new-topic form (opened directly by "Discuss this lesson").
import type { DiscussionCategory, DiscussionSort, DiscussionThreadSummaryDto } from '@mdsc/validators';
import { useState } from 'react';
import { Link, useLocation, useParams, useSearch } from 'wouter';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { Badge, Button, EmptyState, QueryState } from '../../ui';
import { actionErrorText } from '../../ui/form';
import { timeAgo } from '../notifications/NotificationBell';
import { ThreadForm } from './compose';
import './discussions.css';

const SORTS: DiscussionSort[] = ['newest', 'votes', 'unanswered'];
const CATEGORIES: DiscussionCategory[] = ['question', 'discussion', 'announcement'];

export function DiscussionsPage() {
  const { t } = useI18n();
  const params = useParams<{ courseId: string }>();
  const courseId = Number(params.courseId);
  const search = new URLSearchParams(useSearch());
  const lessonParam = Number(search.get('lesson')) || undefined;
  const [, navigate] = useLocation();
  const [sort, setSort] = useState<DiscussionSort>('newest');
  const [category, setCategory] = useState<DiscussionCategory | ''>('');
  const [lessonId, setLessonId] = useState<number | undefined>(lessonParam);
  const [draftQ, setDraftQ] = useState('');
  const [q, setQ] = useState('');
  const [composing, setComposing] = useState(search.get('new') === '1');
  const utils = trpc.useUtils();

  const list = trpc.discussions.list.useInfiniteQuery(
    { courseId, sort, category: category || undefined, lessonId, q: q || undefined, limit: 20 },
    { getNextPageParam: (last) => last.nextCursor ?? undefined, enabled: Number.isInteger(courseId) && courseId > 0 },
  );
  const markAll = trpc.discussions.markAllRead.useMutation({ onSuccess: () => void utils.discussions.list.invalidate() });
  const first = list.data?.pages[0];
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const lessonTitle = items.find((i) => i.lessonId === lessonId)?.lessonTitle ?? null;

  if (list.isError && list.error.data?.code === 'FORBIDDEN') {
    return (
      <div className="stack">
        <h1>{t('disc.title')}</h1>
        <p className="error-state" role="alert">
          {t('disc.thread.forbidden')}
        </p>
      </div>
    );
  }

  return (
    <div className="stack disc-page">
      <header className="stack disc-header">
        <h1>{first ? t('disc.courseTitle', { course: first.course.title }) : t('disc.title')}</h1>
        {first && (
          <p className="small">
            <Link href={`/learn/${first.course.slug}`}>← {t('disc.backToCourse')}</Link>
          </p>
        )}
      </header>

      {composing && first ? (
        <ThreadForm
          courseId={courseId}
          lesson={lessonId ? { id: lessonId, title: lessonTitle } : null}
          canAnnounce={first.canAnnounce}
          onCancel={() => setComposing(false)}
          onDone={(r) => (r.isPending ? setComposing(false) : navigate(`/discussions/${r.id}`))}
        />
      ) : (
        <div className="row">
          <Button onClick={() => setComposing(true)} data-testid="new-thread">
            + {t('disc.new')}
          </Button>
          <Button variant="ghost" onClick={() => markAll.mutate({ courseId })} busy={markAll.isPending}>
            {t('disc.markAllRead')}
          </Button>
        </div>
      )}

      <form
        className="disc-filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setQ(draftQ.trim());
        }}
      >
        <label className="visually-hidden" htmlFor="disc-q">
          {t('disc.search')}
        </label>
        <input id="disc-q" type="search" placeholder={t('disc.search')} value={draftQ} onChange={(e) => setDraftQ(e.target.value)} maxLength={100} />
        <button type="submit" className="secondary">
          {t('disc.searchButton')}
        </button>
        <label>
          <span className="visually-hidden">{t('disc.sort')}</span>
          <select value={sort} onChange={(e) => setSort(e.target.value as DiscussionSort)} aria-label={t('disc.sort')} data-testid="disc-sort">
            {SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`disc.sort.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="visually-hidden">{t('disc.filter.category')}</span>
          <select value={category} onChange={(e) => setCategory(e.target.value as DiscussionCategory | '')} aria-label={t('disc.filter.category')}>
            <option value="">
              {t('disc.filter.category')} : {t('disc.filter.all')}
            </option>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`disc.category.${c}`)}
              </option>
            ))}
          </select>
        </label>
        {lessonId && (
          <button type="button" className="link-button" onClick={() => setLessonId(undefined)}>
            {t('disc.filter.clearLesson')} ✕
          </button>
        )}
      </form>

      <QueryState query={list} isEmpty={() => items.length === 0} empty={<EmptyState>{q ? t('disc.emptySearch') : t('disc.empty')}</EmptyState>}>
        {() => (
          <>
            <ul className="disc-list" data-testid="thread-list">
              {items.map((item) => (
                <ThreadRow key={item.id} item={item} />
              ))}
            </ul>
            {list.hasNextPage && (
              <Button variant="secondary" onClick={() => void list.fetchNextPage()} busy={list.isFetchingNextPage}>
                {t('disc.more')}
              </Button>
            )}
          </>
        )}
      </QueryState>
      {markAll.isError && (
        <p role="alert" className="form-error">
          {actionErrorText(t, markAll.error)}
        </p>
      )}
    </div>
  );
}

function ThreadRow({ item }: { item: DiscussionThreadSummaryDto }) {
  const { t, locale } = useI18n();
  return (
    <li>
      <Link href={`/discussions/${item.id}`} className={item.unread ? 'disc-item unread' : 'disc-item'} data-testid="thread-row">
        <div className="disc-item-head">
          {item.unread && (
            <span className="disc-dot" title={t('disc.unread')}>
              <span className="visually-hidden">{t('disc.unread')}</span>
            </span>
          )}
          <span className="disc-item-title">{item.title}</span>
        </div>
        <div className="disc-badges">
          <Badge tone={item.category === 'announcement' ? 'info' : 'neutral'}>{t(`disc.category.${item.category}`)}</Badge>
          {item.isPinned && <Badge tone="info">📌 {t('disc.pinned')}</Badge>}
          {item.isAnswered && <Badge tone="ok">✓ {t('disc.answered')}</Badge>}
          {item.isLocked && <Badge>🔒 {t('disc.locked')}</Badge>}
          {item.isHidden && <Badge tone="warn">{t('disc.hidden')}</Badge>}
          {item.isPending && <Badge tone="warn">{t('disc.pending')}</Badge>}
          {item.lessonTitle && <Badge>{t('disc.lesson', { lesson: item.lessonTitle })}</Badge>}
        </div>
        {item.excerpt && <p className="disc-excerpt">{item.excerpt}</p>}
        <p className="disc-meta">
          <span>{t('disc.by', { name: item.author.name })}</span>
          <span>{t('disc.replies', { count: item.replyCount })}</span>
          <span>{t('disc.votes', { count: item.voteCount })}</span>
          <time dateTime={item.lastActivityAt}>{timeAgo(item.lastActivityAt, locale)}</time>
        </p>
      </Link>
    </li>
  );
}
