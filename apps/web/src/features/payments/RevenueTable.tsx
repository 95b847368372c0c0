// Paid orders per course and month (refunds excluded): admins see every course, instructors theirs.
import type { RouterOutputs } from '@mdsc/api';
import { useI18n } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { trpc } from '../../lib/trpc';
import { QueryState, type QueryLike } from '../../ui/QueryState';
import './payments.css';

type Row = RouterOutputs['payments']['revenue'][number];

export function RevenueTable({ query }: { query: QueryLike<Row[]> }) {
  const { t } = useI18n();
  const f = useFormat();
  return (
    <QueryState query={query} isEmpty={(d) => d.length === 0} empty={t('pay.revenue.none')}>
      {(rows) => (
        // Focusable so keyboard users can scroll the table sideways on a phone.
        <div className="table-wrap" role="region" aria-label={t('pay.revenue.title')} tabIndex={0}>
          <table data-testid="revenue">
            <caption className="visually-hidden">{t('pay.revenue.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('pay.revenue.month')}</th>
                <th scope="col">{t('pay.order.course')}</th>
                <th scope="col">{t('pay.revenue.orders')}</th>
                <th scope="col">{t('pay.revenue.amount')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.month}-${r.courseId}-${r.currency}`}>
                  <td>{r.month}</td>
                  <td>{r.courseTitle}</td>
                  <td>{f.number(r.orders)}</td>
                  <td>{f.price(r.revenue, r.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </QueryState>
  );
}

/** An instructor's revenue from own courses. */
export function InstructorRevenuePage() {
  const { t } = useI18n();
  const revenue = trpc.payments.myRevenue.useQuery({});
  return (
    <section className="stack payments" aria-labelledby="revenue-title">
      <h1 id="revenue-title">{t('pay.revenue.mine')}</h1>
      <RevenueTable query={revenue} />
    </section>
  );
}
