// Paid orders per course and month (refunds excluded): admins see every course, instructors theirs.
import type { RouterOutputs } from '@mdsc/api';
import { useI18n } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { trpc } from '../../lib/trpc';
import { QueryTable, type QueryLike } from '../../ui/QueryState';

type Row = RouterOutputs['payments']['revenue'][number];

export function RevenueTable({ query }: { query: QueryLike<Row[]> }) {
  const { t } = useI18n();
  const f = useFormat();
  return (
    <QueryTable
      query={query}
      empty={t('pay.revenue.none')}
      label={t('pay.revenue.title')}
      testId="revenue"
      rowKey={(r) => `${r.month}-${r.courseId}-${r.currency}`}
      columns={[
        { header: t('pay.revenue.month'), cell: (r) => r.month },
        { header: t('pay.order.course'), cell: (r) => r.courseTitle },
        { header: t('pay.revenue.orders'), cell: (r) => f.number(r.orders), numeric: true },
        { header: t('pay.revenue.amount'), cell: (r) => f.price(r.revenue, r.currency), numeric: true },
      ]}
    />
  );
}

/** An instructor's revenue from own courses. */
export function InstructorRevenuePage() {
  const { t } = useI18n();
  const revenue = trpc.payments.myRevenue.useQuery({});
  return (
    <section className="stack" aria-labelledby="revenue-title">
      <h1 id="revenue-title">{t('pay.revenue.mine')}</h1>
      <RevenueTable query={revenue} />
    </section>
  );
}
