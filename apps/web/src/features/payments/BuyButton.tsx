// A priced course: its price and "Acheter" (or the way back to an order in progress) instead of
// the enrol button. Free courses keep the enrol button.
import { Link } from 'wouter';
import { useI18n } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { trpc } from '../../lib/trpc';

export function usePurchaseInfo(courseId: number) {
  return trpc.payments.purchaseInfo.useQuery({ courseId });
}

export function BuyButton(props: { courseId: number }) {
  const { t } = useI18n();
  const f = useFormat();
  const info = usePurchaseInfo(props.courseId);
  if (!info.data) return null;
  const { price, currency, order } = info.data;
  return (
    <div className="form-actions">
      <p>
        <strong data-testid="course-price">{f.price(price, currency)}</strong>
      </p>
      {order?.status === 'pending' ? (
        <Link href={`/payments/orders/${order.id}`} className="button primary" data-testid="order-in-progress">
          {t('pay.orderInProgress')}
        </Link>
      ) : (
        <Link href={`/payments/checkout/${props.courseId}`} className="button primary" data-testid="buy">
          {t('pay.buy')}
        </Link>
      )}
    </div>
  );
}
