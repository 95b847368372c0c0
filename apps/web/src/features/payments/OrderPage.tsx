// One order: its state, polled while pending (FedaPay's return page, a transfer being checked).
import { Link, useParams } from 'wouter';
import { useI18n } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { trpc } from '../../lib/trpc';
import { QueryState } from '../../ui/QueryState';

export function OrderPage() {
  const { t } = useI18n();
  const f = useFormat();
  const orderId = Number(useParams<{ orderId: string }>().orderId);
  const order = trpc.payments.order.useQuery(
    { orderId },
    { enabled: orderId > 0, refetchInterval: (q) => (q.state.data?.status === 'pending' ? 3000 : false) },
  );
  const info = trpc.payments.purchaseInfo.useQuery({ courseId: order.data?.courseId ?? 0 }, { enabled: !!order.data && order.data.provider === 'transfer' });
  if (!order.data) return <QueryState query={order} />;
  const o = order.data;
  return (
    <section className="stack" aria-labelledby="order-title">
      <h1 id="order-title">{t('pay.order.title', { reference: o.reference })}</h1>
      <p data-testid="order-status" role="status">
        <strong>{t(`pay.status.${o.status}`)}</strong>
      </p>
      <dl className="stack">
        <div>
          <dt>{t('pay.order.course')}</dt>
          <dd>{o.courseTitle}</dd>
        </div>
        <div>
          <dt>{t('pay.order.amount')}</dt>
          <dd>{f.price(o.amount, o.currency)}</dd>
        </div>
        <div>
          <dt>{t('pay.order.method')}</dt>
          <dd>{t(`pay.method.${o.provider}`)}</dd>
        </div>
      </dl>
      {o.status === 'pending' && o.provider === 'transfer' && (
        <p className="callout">
          {info.data?.transferInstructions ?? t('pay.transfer.instructions')} {t('pay.transfer.reference', { reference: o.reference })}
        </p>
      )}
      {o.status === 'pending' && o.provider === 'fedapay' && <p className="callout">{t('pay.order.waiting')}</p>}
      {o.status === 'paid' && (
        <div className="form-actions">
          <Link href={`/learn/${o.courseSlug}`} className="button primary" data-testid="start-learning">
            {t('pay.order.start')}
          </Link>
          <a href={`/api/payments/receipts/${o.id}.pdf`} data-testid="receipt-link" download>
            {t('pay.receipt')}
          </a>
        </div>
      )}
      {(o.status === 'failed' || o.status === 'cancelled') && (
        <p className="callout">
          {o.note ? `${o.note}. ` : ''}
          <Link href={`/payments/checkout/${o.courseId}`}>{t('pay.order.retry')}</Link>
        </p>
      )}
    </section>
  );
}
