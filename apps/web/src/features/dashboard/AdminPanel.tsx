// Platform health for admins: job queues and failures, the outbox, sign-ups, activity, the
// moderation queue and payments (dashboard.admin).
import type { RouterOutputs } from '@mdsc/api';
import { Link } from 'wouter';
import { useI18n } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { trpc } from '../../lib/trpc';
import { DashCard, DashPanel } from './DashCard';

type Health = RouterOutputs['dashboard']['admin'];

export function AdminPanel() {
  const { t } = useI18n();
  const f = useFormat();
  const q = trpc.dashboard.admin.useQuery(undefined, { refetchInterval: 30_000 });
  return (
    <DashPanel query={q} testId="dash-admin">
      {(d) => (
        <>
          <DashCard id="dash-jobs" title={t('dash.admin.title')}>
            <p className={d.jobs.failed > 0 ? 'dash-alert' : 'dash-ok'} data-testid="dash-failed">
              {t('dash.admin.failed', { count: d.jobs.failed })}
              {d.jobs.failedQueues.length > 0 && ` (${d.jobs.failedQueues.join(', ')})`}
            </p>
            <p className="muted small">
              {d.jobs.supported
                ? t('dash.admin.jobsCounts', {
                    waiting: d.jobs.waiting,
                    active: d.jobs.active,
                    delayed: d.jobs.delayed,
                  })
                : t('dash.admin.noCounts')}
            </p>
            <p className={d.outbox.unsent > 0 ? 'small' : 'muted small'}>
              {t('dash.admin.outbox', { count: d.outbox.unsent })}
              {d.outbox.oldestUnsentAt &&
                ` — ${t('dash.admin.outboxOldest', { when: f.relative(d.outbox.oldestUnsentAt) })}`}
            </p>
            <Link href="/admin/jobs">{t('dash.admin.jobsLink')}</Link>
          </DashCard>
          <DashCard id="dash-signups" title={t('dash.admin.signUps')}>
            <p className="dash-level">{t('dash.admin.signUpsWeek', { count: d.signUps.lastWeek })}</p>
            <p className="muted small">{t('dash.admin.signUpsMonth', { count: d.signUps.lastMonth })}</p>
            <p className="muted small">
              {t('dash.admin.users', { count: d.signUps.total, unverified: d.signUps.unverified })}
            </p>
          </DashCard>
          <DashCard id="dash-activity" title={t('dash.admin.activity')}>
            <p>{t('dash.admin.enrolments', { count: d.enrolments.lastWeek })}</p>
            <p>{t('dash.admin.completions', { count: d.enrolments.completionsLastWeek })}</p>
            <p>
              <Link href="/moderation">{t('dash.admin.moderation', { count: d.moderation.pending })}</Link>
            </p>
          </DashCard>
          <Payments p={d.payments} />
        </>
      )}
    </DashPanel>
  );
}

/** The week's payments: received (total per currency), bank transfers waiting for a decision, failures. */
function Payments({ p }: { p: Health['payments'] }) {
  const { t } = useI18n();
  const f = useFormat();
  return (
    <DashCard id="dash-payments" title={t('dash.admin.payments')} testId="dash-payments">
      <p className="dash-level">{t('dash.admin.paid', { count: p.paidLastWeek })}</p>
      {p.totals.length > 0 && (
        <ul className="dash-totals" data-testid="dash-payment-totals">
          {p.totals.map((x) => (
            <li key={x.currency}>
              {t('dash.admin.paidTotal', { amount: f.price(x.amount, x.currency), count: x.count })}
            </li>
          ))}
        </ul>
      )}
      <p className={p.pendingTransfers > 0 ? 'dash-alert' : 'muted small'} data-testid="dash-transfers">
        {t('dash.admin.transfers', { count: p.pendingTransfers })}
        {p.oldestPendingTransferAt &&
          ` — ${t('dash.admin.transfersOldest', { when: f.relative(p.oldestPendingTransferAt) })}`}
      </p>
      <p className={p.failedLastWeek > 0 ? 'small' : 'muted small'}>
        {t('dash.admin.paymentsFailed', { count: p.failedLastWeek })}
      </p>
      <Link href="/admin/payments">{t('dash.admin.paymentsLink')}</Link>
    </DashCard>
  );
}
