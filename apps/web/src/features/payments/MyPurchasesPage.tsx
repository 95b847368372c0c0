// "Mes achats": every order, with its receipt once paid.
import { Link } from 'wouter';
import { useI18n } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { trpc } from '../../lib/trpc';
import { QueryState } from '../../ui/QueryState';

export function MyPurchasesPage() {
  const { t } = useI18n();
  const f = useFormat();
  const mine = trpc.payments.mine.useQuery();
  return (
    <section className="stack" aria-labelledby="purchases-title">
      <h1 id="purchases-title">{t('pay.mine.title')}</h1>
      <QueryState query={mine} isEmpty={(d) => d.length === 0} empty={t('pay.mine.none')}>
        {(orders) => (
          <ul className="stack" data-testid="purchases">
            {orders.map((o) => (
              <li key={o.id} className="card">
                <p>
                  <Link href={`/payments/orders/${o.id}`}>{o.courseTitle}</Link> — {f.price(o.amount, o.currency)} —{' '}
                  {t(`pay.status.${o.status}`)}
                </p>
                <p>
                  {o.reference} · {f.date(o.createdAt)}
                  {(o.status === 'paid' || o.status === 'refunded') && (
                    <>
                      {' · '}
                      <a href={`/api/payments/receipts/${o.id}.pdf`} download>
                        {t('pay.receipt')}
                      </a>
                    </>
                  )}
                </p>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </section>
  );
}
