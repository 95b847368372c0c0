// Job queue health for admins: per queue, jobs waiting, running, delayed, failed and completed; the
// outbox backlog; the failed jobs with a retry button; and the repair sweep on demand.
import { useI18n } from '../../i18n';
import { useFormat } from '../../i18n/format';
import type { MessageKey } from '../../i18n/fr';
import { trpc } from '../../lib/trpc';
import { Badge, DataTable } from '../../ui/components';
import { QueryState } from '../../ui/QueryState';
import { serverErrors } from '../../ui/form';
import { useToast } from '../../ui/toast';

const COLUMNS = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;

export function JobHealthPage() {
  const { t } = useI18n();
  const fmt = useFormat();
  // Refreshed every 15 s while the page is open: an operator watches it drain.
  const health = trpc.admin.jobHealth.useQuery(undefined, { refetchInterval: 15_000 });
  return (
    <section className="stack job-health">
      <div className="row">
        <h1>{t('jobs.title')}</h1>
        <button
          type="button"
          className="secondary"
          onClick={() => void health.refetch()}
          disabled={health.isFetching}
        >
          {t('jobs.refresh')}
        </button>
      </div>
      <p className="lead">{t('jobs.lead')}</p>
      <QueryState query={health} lines={6}>
        {(h) => (
          <div className="card stack">
            <div className="row">
              <Badge tone={h.driver === 'bullmq' ? 'ok' : 'info'}>{t(`jobs.driver.${h.driver}`)}</Badge>
              <span className="muted small">{t('jobs.checkedAt', { time: fmt.dateTime(h.checkedAt) })}</span>
            </div>
            {h.supported ? (
              <DataTable
                label={t('jobs.title')}
                testId="job-health"
                rows={h.queues}
                rowKey={(q) => q.queue}
                rowProps={(q) => ({ 'data-queue': q.queue })}
                columns={[
                  { header: t('jobs.queue'), rowHeader: true, cell: (q) => t(`jobs.queue.${q.queue}` as MessageKey) },
                  ...COLUMNS.map((c) => ({
                    header: t(`jobs.${c}`),
                    numeric: true,
                    cell: (q: (typeof h.queues)[number]) => fmt.number(q[c]),
                    className: (q: (typeof h.queues)[number]) => (c === 'failed' && q.failed > 0 ? 'bad' : undefined),
                  })),
                ]}
              />
            ) : (
              <p className="muted">{t('jobs.unsupported')}</p>
            )}
            <p className={h.outbox.unsent > 0 ? 'bad small' : 'muted small'} data-testid="outbox-status">
              {h.outbox.unsent > 0 && h.outbox.oldestUnsentAt
                ? t('jobs.outbox.pending', {
                    count: fmt.number(h.outbox.unsent),
                    time: fmt.dateTime(h.outbox.oldestUnsentAt),
                  })
                : t('jobs.outbox.ok')}
            </p>
          </div>
        )}
      </QueryState>
      <RepairCard />
      <FailedJobs />
    </section>
  );
}

/** "Run repair now": the sweep the worker runs every 15 minutes, at once, with its report. */
function RepairCard() {
  const { t } = useI18n();
  const toast = useToast();
  const utils = trpc.useUtils();
  const repair = trpc.admin.runRepair.useMutation({
    onSuccess: async () => {
      await Promise.all([utils.admin.jobHealth.invalidate(), utils.admin.failedJobs.invalidate()]);
    },
    onError: (err) => toast.error(serverErrors(t, err).form ?? t('errors.generic')),
  });
  const r = repair.data;
  return (
    <div className="card stack" data-testid="repair">
      <h2>{t('jobs.repair.title')}</h2>
      <p className="muted">{t('jobs.repair.lead')}</p>
      <div className="row">
        <button type="button" onClick={() => repair.mutate()} disabled={repair.isPending}>
          {repair.isPending ? t('jobs.repair.running') : t('jobs.repair.run')}
        </button>
      </div>
      {r && (
        <p role="status" data-testid="repair-report">
          {t('jobs.repair.done', {
            certificates: r.certificates,
            ledgerEvents: r.ledgerEvents,
            badgeEvaluations: r.badgeEvaluations,
            badgePdfs: r.badgePdfs,
            mails: r.mails,
            media: r.media,
          })}
        </p>
      )}
    </div>
  );
}

/** The latest failed jobs of every queue: what failed, why, how many tries, when; retry one. */
function FailedJobs() {
  const { t } = useI18n();
  const fmt = useFormat();
  const toast = useToast();
  const utils = trpc.useUtils();
  const failed = trpc.admin.failedJobs.useQuery(undefined, { refetchInterval: 15_000 });
  const retry = trpc.admin.retryJob.useMutation({
    onSuccess: async (_res, vars) => {
      toast.success(t('jobs.failedJobs.retried', { id: vars.jobId }));
      await Promise.all([utils.admin.jobHealth.invalidate(), utils.admin.failedJobs.invalidate()]);
    },
    onError: (err) => toast.error(serverErrors(t, err).form ?? t('errors.generic')),
  });
  return (
    <div className="card stack">
      <h2>{t('jobs.failedJobs.title')}</h2>
      <p className="muted">{t('jobs.failedJobs.lead')}</p>
      <QueryState query={failed} lines={3}>
        {(jobs) =>
          jobs.length === 0 ? (
            <p className="muted" data-testid="failed-none">
              {t('jobs.failedJobs.none')}
            </p>
          ) : (
            <ul className="failed-jobs" data-testid="failed-jobs">
              {jobs.map((j) => (
                <li key={`${j.queue}:${j.id}`} data-job={j.id}>
                  <div className="failed-head">
                    <Badge tone="info">{t(`jobs.queue.${j.queue}` as MessageKey)}</Badge>
                    <strong>{j.name}</strong>
                    <span className="muted small failed-id">{j.id}</span>
                  </div>
                  <p className="failed-error">{j.error || t('jobs.failedJobs.noError')}</p>
                  <div className="failed-foot">
                    <span className="muted small">
                      {t('jobs.failedJobs.meta', {
                        attempts: j.attemptsMade,
                        time: j.failedAt ? fmt.dateTime(j.failedAt) : '—',
                      })}
                    </span>
                    <button
                      type="button"
                      className="secondary"
                      onClick={() => retry.mutate({ queue: j.queue, jobId: j.id })}
                      disabled={retry.isPending}
                      aria-label={t('jobs.failedJobs.retryLabel', { name: j.name, id: j.id })}
                    >
                      {t('jobs.failedJobs.retry')}
                    </button>
                  </div>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </div>
  );
}
