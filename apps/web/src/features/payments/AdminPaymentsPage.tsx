// Payments for admins: orders with filters (status, method) and server search; a pending transfer
// is confirmed with the bank's reference or rejected; a paid order refunded with a reason; revenue
// per course and month below.
import type { RouterOutputs } from '@mdsc/api';
import { confirmTransferInput, ORDER_STATUS_VALUES, PAYMENT_METHODS, refundOrderInput, type OrderStatusValue, type PaymentMethod } from '@mdsc/validators';
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { trpc } from '../../lib/trpc';
import { AdminFormActions, AdminListPage, FilterSelect } from '../../ui/admin/AdminListPage';
import { Badge, Button, ConfirmButton } from '../../ui/components';
import { Form, TextField, useZodForm } from '../../ui/form';
import { useActionFeedback } from '../../ui/useActionFeedback';
import { RevenueTable } from './RevenueTable';
import './payments.css';

type Item = RouterOutputs['payments']['adminList']['items'][number];

function DecisionForm({ order, onDone }: { order: Item; onDone(): void }) {
  const { t } = useI18n();
  const utils = trpc.useUtils();
  const refund = order?.status === 'paid';
  const confirm = trpc.payments.confirmTransfer.useMutation();
  const refundM = trpc.payments.refund.useMutation();
  const schema = refund ? refundOrderInput : confirmTransferInput;
  const form = useZodForm(schema, {
    defaultValues: (refund ? { orderId: order.id, reason: '' } : { orderId: order.id, transferReference: '' }) as never,
    onSubmit: async (v) => {
      const r = refund
        ? await refundM.mutateAsync(v as { orderId: number; reason: string })
        : await confirm.mutateAsync(v as { orderId: number; transferReference: string });
      await Promise.all([utils.payments.adminList.invalidate(), utils.payments.revenue.invalidate()]);
      onDone();
      return r;
    },
    success: refund ? t('pay.admin.refunded') : t('pay.admin.confirmed'),
    codes: { CONFLICT: 'pay.admin.referenceUsed', PRECONDITION_FAILED: 'pay.admin.stale' },
  });
  return (
    <Form form={form} data-testid="payment-decision" aria-label={refund ? t('pay.admin.refund') : t('pay.admin.confirm')}>
      <p>
        {order.reference} — {order.buyer.name} — {order.courseTitle}
      </p>
      {refund ? (
        <TextField name="reason" label={t('pay.admin.reason')} required maxLength={500} />
      ) : (
        <TextField name="transferReference" label={t('pay.admin.transferReference')} required maxLength={100} />
      )}
      <AdminFormActions save={refund ? t('pay.admin.refund') : t('pay.admin.confirm')} onCancel={onDone} />
    </Form>
  );
}

export function AdminPaymentsPage() {
  const { t } = useI18n();
  const f = useFormat();
  const utils = trpc.useUtils();
  const [status, setStatus] = useState<OrderStatusValue | ''>('');
  const [provider, setProvider] = useState<PaymentMethod | ''>('');
  const [search, setSearch] = useState('');
  const list = trpc.payments.adminList.useQuery({
    status: status || undefined,
    provider: provider || undefined,
    search: search || undefined,
    pageSize: 100,
  });
  const revenue = trpc.payments.revenue.useQuery({});
  // The decision being taken (confirm a transfer, refund), in a form above the list.
  const [deciding, setDeciding] = useState<Item | null>(null);
  const reject = trpc.payments.reject.useMutation(useActionFeedback()(t('pay.admin.rejected'), () => utils.payments.adminList.invalidate()));
  const items = { ...list, data: list.data?.items };

  return (
    <div className="stack payments">
      {deciding && (
        <section className="card" aria-live="polite">
          <DecisionForm key={deciding.id} order={deciding} onDone={() => setDeciding(null)} />
        </section>
      )}
      <AdminListPage
        title={t('pay.admin.title')}
        testId="admin-payments"
        query={items}
        getKey={(o) => o.id}
        itemName={(o) => o.reference}
        itemProps={(o) => ({ 'data-order': o.reference })}
        search={{ label: t('pay.admin.search'), onSearch: setSearch }}
        filters={
          <>
            <FilterSelect label={t('pay.admin.status')} value={status} onChange={setStatus} options={ORDER_STATUS_VALUES.map((s) => ({ value: s, label: t(`pay.status.${s}`) }))} />
            <FilterSelect label={t('pay.order.method')} value={provider} onChange={setProvider} options={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`pay.method.${m}`) }))} />
          </>
        }
        empty={t('pay.admin.empty')}
        renderItem={(o) => (
          <div>
            <h2 className="h3">
              {o.reference} <Badge tone={o.status === 'paid' ? 'ok' : o.status === 'pending' ? 'warn' : 'neutral'}>{t(`pay.status.${o.status}`)}</Badge>
            </h2>
            <p className="small break">
              {o.buyer.name} ({o.buyer.email}) — {o.courseTitle} — {f.price(o.amount, o.currency)} — {t(`pay.method.${o.provider}`)}
              {o.providerReference ? ` — ${o.providerReference}` : ''}
            </p>
            <p className="small muted">{f.dateTime(o.createdAt)}{o.note ? ` — ${o.note}` : ''}</p>
          </div>
        )}
        actions={(o) => (
          <>
            {o.status === 'pending' && o.provider === 'transfer' && (
              <Button variant="secondary" onClick={() => setDeciding(o)}>
                {t('pay.admin.confirm')}
              </Button>
            )}
            {o.status === 'pending' && (
              <ConfirmButton
                confirm={t('pay.admin.rejectConfirm', { reference: o.reference })}
                busy={reject.isPending && reject.variables?.orderId === o.id}
                onConfirm={() => reject.mutate({ orderId: o.id, reason: t('pay.admin.rejectReason') })}
              >
                {t('pay.admin.reject')}
              </ConfirmButton>
            )}
            {o.status === 'paid' && (
              <Button variant="secondary" onClick={() => setDeciding(o)}>
                {t('pay.admin.refund')}
              </Button>
            )}
          </>
        )}
      />
      <section className="stack" aria-labelledby="revenue-admin">
        <h2 id="revenue-admin">{t('pay.revenue.title')}</h2>
        <RevenueTable query={revenue} />
      </section>
    </div>
  );
}
