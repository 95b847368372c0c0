// One topic: the question, the accepted answer first, replies with their comments, votes, follow,
// report, accept, the moderators' tools, and the reply form. Live: a notification about this
// topic refetches it (useLiveNotifications invalidates the discussion queries).
import type { DiscussionPostDto, DiscussionReportReason } from '@mdsc/validators';
import { DISCUSSION_REPORT_REASONS } from '@mdsc/validators';
import { useState } from 'react';
import { Link, useParams } from 'wouter';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import type { RouterOutputs } from '@mdsc/api';
import { Badge, Button, ErrorState, Skeleton, useToast } from '../../ui';
import { actionErrorText } from '../../ui/form';
import { timeAgo } from '../notifications/NotificationBell';
import { ReplyForm } from './compose';
import { PostHtml } from './PostHtml';
import './discussions.css';

type Page = RouterOutputs['discussions']['thread'];

export function ThreadPage() {
  const { t, locale } = useI18n();
  const threadId = Number(useParams<{ threadId: string }>().threadId);
  const query = trpc.discussions.thread.useInfiniteQuery(
    { threadId, limit: 50 },
    { getNextPageParam: (last) => last.nextCursor ?? undefined, enabled: Number.isInteger(threadId) && threadId > 0, retry: false },
  );
  const act = useActions(threadId);

  if (query.isPending) return <Skeleton lines={6} />;
  if (query.isError) {
    const code = query.error.data?.code;
    if (code === 'NOT_FOUND' || code === 'FORBIDDEN') {
      return (
        <p className="error-state" role="alert">
          {code === 'NOT_FOUND' ? t('disc.thread.notFound') : t('disc.thread.forbidden')}
        </p>
      );
    }
    return <ErrorState onRetry={() => query.refetch()} />;
  }
  const page: Page = query.data.pages[0];
  const th = page.thread;
  const posts = query.data.pages.flatMap((p) => p.posts);

  return (
    <div className="stack disc-page">
      <p className="small">
        <Link href={`/discussions/course/${th.course.id}`}>← {t('disc.thread.back')}</Link>
        {th.lesson && (
          <>
            {' · '}
            <Link href={`/learn/${th.course.slug}/lessons/${th.lesson.id}`}>{t('disc.lesson', { lesson: th.lesson.title })}</Link>
          </>
        )}
      </p>
      <article className="card stack disc-thread" data-testid="thread">
        <div className="disc-badges">
          <Badge tone={th.category === 'announcement' ? 'info' : 'neutral'}>{t(`disc.category.${th.category}`)}</Badge>
          {th.isPinned && <Badge tone="info">📌 {t('disc.pinned')}</Badge>}
          {th.acceptedPostId && <Badge tone="ok">✓ {t('disc.answered')}</Badge>}
          {th.isLocked && <Badge>🔒 {t('disc.locked')}</Badge>}
          {th.isHidden && <Badge tone="warn">{t('disc.hidden')}</Badge>}
          {th.isPending && <Badge tone="warn">{t('disc.pending')}</Badge>}
        </div>
        <h1 className="disc-title">{th.title}</h1>
        <Byline author={th.author} at={th.createdAt} mine={th.isMine} locale={locale} />
        <PostHtml html={th.bodyHtml} />
        <Attachments files={th.attachments} />
        <div className="disc-actions">
          <VoteButton count={th.voteCount} mine={th.isMine} voted={th.myVote} onVote={(up) => act.vote('thread', th.id, up)} />
          <Button variant="secondary" onClick={() => act.follow(!th.isFollowing)} data-testid="follow">
            {th.isFollowing ? t('disc.thread.unfollow') : t('disc.thread.follow')}
          </Button>
          {!th.isMine && <ReportButton onReport={(reason) => act.report('thread', th.id, reason)} />}
        </div>
        {th.isFollowing && <p className="muted small">{t('disc.thread.following')}</p>}
        {page.canModerate && (
          <div className="disc-mod" role="group" aria-label={t('nav.moderation')} data-testid="mod-tools">
            <Button variant="ghost" onClick={() => act.flags({ pinned: !th.isPinned })} data-testid="mod-pin">
              {th.isPinned ? t('disc.mod.unpin') : t('disc.mod.pin')}
            </Button>
            <Button variant="ghost" onClick={() => act.flags({ locked: !th.isLocked })} data-testid="mod-lock">
              {th.isLocked ? t('disc.mod.unlock') : t('disc.mod.lock')}
            </Button>
            <Button variant="ghost" onClick={() => act.moderate('thread', th.id, th.isHidden ? 'unhide' : 'hide')}>
              {th.isHidden ? t('disc.mod.unhide') : t('disc.mod.hide')}
            </Button>
            {th.isPending && (
              <Button variant="ghost" onClick={() => act.moderate('thread', th.id, 'approve')}>
                {t('disc.mod.approve')}
              </Button>
            )}
            <Button variant="danger" onClick={() => window.confirm(t('disc.mod.deleteConfirm')) && act.moderate('thread', th.id, 'delete', th.course.id)}>
              {t('disc.mod.delete')}
            </Button>
          </div>
        )}
      </article>

      <section className="stack" aria-labelledby="replies-title">
        <h2 id="replies-title">{t('disc.thread.repliesTitle', { count: th.replyCount })}</h2>
        {posts.length === 0 ? (
          <p className="muted">{t('disc.thread.noReplies')}</p>
        ) : (
          <ol className="disc-posts">
            {posts.map((p) => (
              <PostItem key={p.id} post={p} page={page} act={act} />
            ))}
          </ol>
        )}
        {query.hasNextPage && (
          <Button variant="secondary" onClick={() => void query.fetchNextPage()} busy={query.isFetchingNextPage}>
            {t('disc.thread.moreReplies')}
          </Button>
        )}
      </section>

      {page.canReply ? (
        <ReplyForm courseId={th.course.id} threadId={th.id} label={t('disc.thread.replyTitle')} />
      ) : (
        <p className="notice" role="status">
          🔒 {t('disc.thread.lockedNotice')}
        </p>
      )}
    </div>
  );
}

function PostItem({ post, page, act, comment }: { post: DiscussionPostDto; page: Page; act: Actions; comment?: boolean }) {
  const { t, locale } = useI18n();
  const [commenting, setCommenting] = useState(false);
  const th = page.thread;
  const cls = ['disc-post', post.isAccepted ? 'accepted' : '', post.isHidden ? 'hidden' : '', comment ? 'comment' : ''].filter(Boolean).join(' ');
  return (
    <li id={`post-${post.id}`} className={cls} data-testid={comment ? 'comment' : 'post'}>
      {post.isAccepted && <p className="disc-accepted-label">✓ {t('disc.thread.accepted')}</p>}
      <div className="disc-badges">
        {post.isHidden && <Badge tone="warn">{t('disc.hidden')}</Badge>}
        {post.isPending && <Badge tone="warn">{t('disc.pending')}</Badge>}
      </div>
      <Byline author={post.author} at={post.createdAt} mine={post.isMine} locale={locale} />
      <PostHtml html={post.bodyHtml} />
      <Attachments files={post.attachments} />
      <div className="disc-actions">
        <VoteButton count={post.voteCount} mine={post.isMine} voted={post.myVote} onVote={(up) => act.vote('post', post.id, up)} />
        {!comment && page.canAccept && !post.isHidden && (
          <Button
            variant={post.isAccepted ? 'ghost' : 'secondary'}
            onClick={() => act.accept(post.isAccepted ? null : post.id)}
            data-testid="accept"
          >
            {post.isAccepted ? t('disc.thread.unaccept') : `✓ ${t('disc.thread.accept')}`}
          </Button>
        )}
        {!comment && page.canReply && (
          <Button variant="ghost" onClick={() => setCommenting((c) => !c)} aria-expanded={commenting}>
            {t('disc.thread.comment')}
          </Button>
        )}
        {!post.isMine && <ReportButton onReport={(reason) => act.report('post', post.id, reason)} />}
        {page.canModerate && (
          <Button variant="ghost" onClick={() => act.moderate('post', post.id, post.isHidden ? 'unhide' : 'hide')}>
            {post.isHidden ? t('disc.mod.unhide') : t('disc.mod.hide')}
          </Button>
        )}
        {page.canModerate && post.isPending && (
          <Button variant="ghost" onClick={() => act.moderate('post', post.id, 'approve')}>
            {t('disc.mod.approve')}
          </Button>
        )}
        {(page.canModerate || post.isMine) && (
          <Button variant="ghost" onClick={() => window.confirm(t('disc.mod.deleteConfirm')) && act.moderate('post', post.id, 'delete')}>
            {t('disc.mod.delete')}
          </Button>
        )}
      </div>
      {post.comments.length > 0 && (
        <ol className="disc-comments">
          {post.comments.map((c) => (
            <PostItem key={c.id} post={c} page={page} act={act} comment />
          ))}
        </ol>
      )}
      {commenting && <ReplyForm threadId={th.id} parentId={post.id} label={t('disc.thread.commentLabel')} compact onDone={() => setCommenting(false)} />}
    </li>
  );
}

function Byline({ author, at, mine, locale }: { author: DiscussionPostDto['author']; at: string; mine: boolean; locale: string }) {
  const { t } = useI18n();
  return (
    <p className="disc-meta">
      <strong>{author.name}</strong>
      {mine && <span>({t('disc.thread.you')})</span>}
      {author.role !== 'student' && <Badge tone="info">{t(author.role === 'admin' ? 'disc.role.admin' : 'disc.role.instructor')}</Badge>}
      <time dateTime={at}>{timeAgo(at, locale)}</time>
    </p>
  );
}

function Attachments({ files }: { files: DiscussionPostDto['attachments'] }) {
  const { t } = useI18n();
  if (files.length === 0) return null;
  return (
    <ul className="disc-files" aria-label={t('disc.thread.attachments')}>
      {files.map((f) => (
        <li key={f.id}>
          <a href={f.url} target="_blank" rel="noopener">
            📎 {f.name}
          </a>
        </li>
      ))}
    </ul>
  );
}

function VoteButton({ count, voted, mine, onVote }: { count: number; voted: boolean; mine: boolean; onVote(up: boolean): void }) {
  const { t } = useI18n();
  return (
    <Button
      variant={voted ? 'primary' : 'secondary'}
      className="disc-vote"
      aria-pressed={voted}
      disabled={mine}
      onClick={() => onVote(!voted)}
      title={voted ? t('disc.thread.removeVote') : t('disc.thread.upvote')}
      data-testid="vote"
    >
      ▲ <span className="visually-hidden">{voted ? t('disc.thread.removeVote') : t('disc.thread.upvote')} — </span>
      {count}
    </Button>
  );
}

function ReportButton({ onReport }: { onReport(reason: DiscussionReportReason): void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<DiscussionReportReason>('spam');
  if (!open) {
    return (
      <Button variant="ghost" onClick={() => setOpen(true)}>
        ⚑ {t('disc.thread.report')}
      </Button>
    );
  }
  return (
    <span className="disc-report">
      <label>
        <span className="visually-hidden">{t('disc.thread.reportReason')}</span>
        <select value={reason} onChange={(e) => setReason(e.target.value as DiscussionReportReason)} aria-label={t('disc.thread.reportReason')}>
          {DISCUSSION_REPORT_REASONS.map((r) => (
            <option key={r} value={r}>
              {t(`disc.reason.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <Button
        variant="secondary"
        onClick={() => {
          onReport(reason);
          setOpen(false);
        }}
      >
        {t('disc.thread.reportSend')}
      </Button>
    </span>
  );
}

type Actions = ReturnType<typeof useActions>;

/** Every button's mutation, with one refresh and one error toast. */
function useActions(threadId: number) {
  const { t } = useI18n();
  const toast = useToast();
  const utils = trpc.useUtils();
  const refresh = () => Promise.all([utils.discussions.thread.invalidate({ threadId }), utils.discussions.list.invalidate()]);
  const onError = (err: unknown) => toast.error(actionErrorText(t, err));
  const opts = { onSuccess: () => void refresh(), onError };
  const vote = trpc.discussions.vote.useMutation(opts);
  const accept = trpc.discussions.accept.useMutation(opts);
  const follow = trpc.discussions.follow.useMutation(opts);
  const report = trpc.discussions.report.useMutation({ onSuccess: () => toast.success(t('disc.thread.reported')), onError });
  const flags = trpc.discussions.setFlags.useMutation({ ...opts, onSuccess: () => (toast.success(t('disc.mod.done')), void refresh()) });
  const moderate = trpc.discussions.moderate.useMutation({ ...opts, onSuccess: () => (toast.success(t('disc.mod.done')), void refresh()) });
  return {
    vote: (target: 'thread' | 'post', id: number, up: boolean) => vote.mutate({ target, id, up }),
    accept: (postId: number | null) => accept.mutate({ threadId, postId }),
    follow: (on: boolean) => follow.mutate({ threadId, follow: on }),
    report: (target: 'thread' | 'post', id: number, reason: DiscussionReportReason) => report.mutate({ target, id, reason }),
    flags: (f: { pinned?: boolean; locked?: boolean }) => flags.mutate({ threadId, ...f }),
    moderate: (target: 'thread' | 'post', id: number, action: 'hide' | 'unhide' | 'delete' | 'approve', backToCourse?: number) =>
      moderate.mutate(
        { target, id, action },
        backToCourse ? { onSuccess: () => window.location.assign(`/discussions/course/${backToCourse}`) } : undefined,
      ),
  };
}
