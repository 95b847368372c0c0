// Platform health for admins: job queues and failures, the outbox, sign-ups, activity and the
// moderation queue (dashboard.admin).
import type { RouterOutputs } from '@mdsc/api';
import { Link } from 'wouter';
import { useI18n } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { trpc } from '../../lib/trpc';
import { QueryState } from '../../ui/QueryState';

type Health = RouterOutputs['dashboard']['admin'];

export function AdminPanel() {
  const q = trpc.dashboard.admin.useQuery(undefined, { refetchInterval: 30_000 });
  return <QueryState query={q}>{(d) => <AdminDashboard d={d} />}</QueryState>;
}

function AdminDashboard({ d }: { d: Health }) {
  const { t } = useI18n();
  const f = useFormat();
  return (
    <div className="dash-grid" data-testid="dash-admin">
      <section className="card" aria-labelledby="dash-jobs">
        <h2 id="dash-jobs">{t('dash.admin.title')}</h2>
        <p className={d.jobs.failed > 0 ? 'dash-alert' : 'dash-ok'} data-testid="dash-failed">
          {t('dash.admin.failed', { count: d.jobs.failed })}
          {d.jobs.failedQueues.length > 0 && ` (${d.jobs.failedQueues.join(', ')})`}
        </p>
        <p className="muted small">
          {d.jobs.supported
            ? t('dash.admin.jobsCounts', { waiting: d.jobs.waiting, active: d.jobs.active, delayed: d.jobs.delayed })
            : t('dash.admin.noCounts')}
        </p>
        <p className={d.outbox.unsent > 0 ? 'small' : 'muted small'}>
          {t('dash.admin.outbox', { count: d.outbox.unsent })}
          {d.outbox.oldestUnsentAt && ` — ${t('dash.admin.outboxOldest', { when: f.relative(d.outbox.oldestUnsentAt) })}`}
        </p>
        <Link href="/admin/jobs">{t('dash.admin.jobsLink')}</Link>
      </section>
      <section className="card" aria-labelledby="dash-signups">
        <h2 id="dash-signups">{t('dash.admin.signUps')}</h2>
        <p className="dash-level">{t('dash.admin.signUpsWeek', { count: d.signUps.lastWeek })}</p>
        <p className="muted small">{t('dash.admin.signUpsMonth', { count: d.signUps.lastMonth })}</p>
        <p className="muted small">{t('dash.admin.users', { count: d.signUps.total, unverified: d.signUps.unverified })}</p>
      </section>
      <section className="card" aria-labelledby="dash-activity">
        <h2 id="dash-activity">{t('dash.admin.activity')}</h2>
        <p>{t('dash.admin.enrolments', { count: d.enrolments.lastWeek })}</p>
        <p>{t('dash.admin.completions', { count: d.enrolments.completionsLastWeek })}</p>
        <p>
          <Link href="/moderation">{t('dash.admin.moderation', { count: d.moderation.pending })}</Link>
        </p>
      </section>
    </div>
  );
}
