// Job queue health for admins: per queue, jobs waiting, running, delayed, failed and completed.
import { useI18n } from '../../i18n';
import { useFormat } from '../../i18n/format';
import type { MessageKey } from '../../i18n/fr';
import { trpc } from '../../lib/trpc';
import { Badge } from '../../ui/components';
import { QueryState } from '../../ui/QueryState';

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
        <button type="button" className="secondary" onClick={() => void health.refetch()} disabled={health.isFetching}>
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
              // Focusable so keyboard users can scroll the table sideways on a phone.
              <div className="table-wrap" role="region" aria-label={t('jobs.title')} tabIndex={0}>
                <table data-testid="job-health">
                  <caption className="visually-hidden">{t('jobs.title')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('jobs.queue')}</th>
                      {COLUMNS.map((c) => (
                        <th scope="col" key={c}>
                          {t(`jobs.${c}`)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {h.queues.map((q) => (
                      <tr key={q.queue} data-queue={q.queue}>
                        <th scope="row">{t(`jobs.queue.${q.queue}` as MessageKey)}</th>
                        {COLUMNS.map((c) => (
                          <td key={c} className={c === 'failed' && q.failed > 0 ? 'bad' : undefined}>
                            {fmt.number(q[c])}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p className="muted">{t('jobs.unsupported')}</p>
            )}
          </div>
        )}
      </QueryState>
    </section>
  );
}
