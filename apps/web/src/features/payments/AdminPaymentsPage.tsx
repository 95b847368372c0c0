// Payments for admins: orders with filters (status, method) and server search; a pending transfer
// is confirmed with the bank's reference or rejected; a paid order refunded with a reason; revenue
// per course and month below.
import type { RouterOutputs } from '@mdsc/api';
import { confirmTransferInput, ORDER_STATUS_VALUES, PAYMENT_METHODS, refundOrderInput, type OrderStatusValue, type PaymentMethod } from '@mdsc/validators';
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { trpc } from '../../lib/trpc';
import { AdminListPage, FilterSelect, useEditor } from '../../ui/admin/AdminListPage';
import { Badge, Button, ConfirmButton } from '../../ui/components';
import { Form, FormActions, optionsOf, TextField, useZodForm } from '../../ui/form';
import { useActionFeedback } from '../../ui/useActionFeedback';
import { RevenueTable } from './RevenueTable';

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
      <FormActions save={refund ? t('pay.admin.refund') : t('pay.admin.confirm')} onCancel={onDone} />
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
  // The decision being taken (confirm a transfer, refund): the side form, opened by the row's buttons.
  const editor = useEditor<Item>();
  const decide = (o: Item) => (
    <Button variant="secondary" onClick={() => editor.edit(o)}>
      {o.status === 'paid' ? t('pay.admin.refund') : t('pay.admin.confirm')}
    </Button>
  );
  const reject = trpc.payments.reject.useMutation(useActionFeedback()(t('pay.admin.rejected'), () => utils.payments.adminList.invalidate()));

  return (
    <AdminListPage
      texts="pay.admin"
      testId="admin-payments"
      query={{ ...list, data: list.data?.items }}
      itemName={(o) => o.reference}
      itemProps={(o) => ({ 'data-order': o.reference })}
      search={{ label: t('pay.admin.search'), onSearch: setSearch }}
      filters={
        <>
          <FilterSelect
            label={t('pay.admin.status')}
            value={status}
            onChange={setStatus}
            options={optionsOf(ORDER_STATUS_VALUES, (s) => t(`pay.status.${s}`))}
          />
          <FilterSelect
            label={t('pay.order.method')}
            value={provider}
            onChange={setProvider}
            options={optionsOf(PAYMENT_METHODS, (m) => t(`pay.method.${m}`))}
          />
        </>
      }
      badges={(o) => <Badge tone={o.status === 'paid' ? 'ok' : o.status === 'pending' ? 'warn' : 'neutral'}>{t(`pay.status.${o.status}`)}</Badge>}
      details={(o) => (
        <>
          <p className="small">
            {o.buyer.name} ({o.buyer.email}) — {o.courseTitle} — {f.price(o.amount, o.currency)} — {t(`pay.method.${o.provider}`)}
            {o.providerReference ? ` — ${o.providerReference}` : ''}
          </p>
          <p className="small muted">
            {f.dateTime(o.createdAt)}
            {o.note ? ` — ${o.note}` : ''}
          </p>
        </>
      )}
      editor={editor}
      opens="actions"
      formTitle={(o) => t(o.status === 'paid' ? 'pay.admin.refund' : 'pay.admin.confirm')}
      renderForm={(o, close) => o && <DecisionForm order={o} onDone={close} />}
      actions={(o) => (
        <>
          {o.status === 'pending' && o.provider === 'transfer' && decide(o)}
          {o.status === 'pending' && (
            <ConfirmButton
              confirm={t('pay.admin.rejectConfirm', { reference: o.reference })}
              busy={reject.isPending && reject.variables?.orderId === o.id}
              onConfirm={() => reject.mutate({ orderId: o.id, reason: t('pay.admin.rejectReason') })}
            >
              {t('pay.admin.reject')}
            </ConfirmButton>
          )}
          {o.status === 'paid' && decide(o)}
        </>
      )}
      after={
        <section className="stack" aria-labelledby="revenue-admin">
          <h2 id="revenue-admin">{t('pay.revenue.title')}</h2>
          <RevenueTable query={revenue} />
        </section>
      }
    />
  );
}
