// Buying a course: mobile money (FedaPay, when configured), bank transfer, or a sponsor's code.
import { checkoutInput, MOBILE_MONEY_MODES } from '@mdsc/validators';
import { useLocation, useParams } from 'wouter';
import { z } from 'zod';
import { useI18n } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { trpc } from '../../lib/trpc';
import { Form, SelectField, SubmitButton, TextField, useZodForm } from '../../ui/form';
import { QueryState } from '../../ui/QueryState';

const schema = checkoutInput.omit({ courseId: true }).extend({
  voucherCode: z.preprocess((v) => (v === '' ? undefined : v), checkoutInput.shape.voucherCode),
  phone: z.preprocess((v) => (v === '' ? undefined : v), checkoutInput.shape.phone),
  mobileMode: z.preprocess((v) => (v === '' ? undefined : v), checkoutInput.shape.mobileMode),
});

export function CheckoutPage() {
  const { t } = useI18n();
  const f = useFormat();
  const courseId = Number(useParams<{ courseId: string }>().courseId);
  const [, navigate] = useLocation();
  const info = trpc.payments.purchaseInfo.useQuery({ courseId }, { enabled: courseId > 0 });
  const checkout = trpc.payments.checkout.useMutation();
  const form = useZodForm(schema, {
    defaultValues: { method: 'transfer', voucherCode: '', phone: '', mobileMode: '' } as never,
    onSubmit: async (v) => {
      const r = await checkout.mutateAsync({ courseId, ...v });
      if (r.redirectUrl) window.location.assign(r.redirectUrl);
      else navigate(`/payments/orders/${r.order.id}`);
      return r;
    },
    messages: { voucherCode: 'pay.error.voucher' },
    codes: { CONFLICT: 'pay.error.conflict', FORBIDDEN: 'pay.error.forbidden' },
  });
  const method = form.watch('method');
  if (!info.data) return <QueryState query={info} />;
  const d = info.data;
  const methods = d.methods.map((m) => ({ value: m, label: t(`pay.method.${m}`) }));
  return (
    <section className="stack" aria-labelledby="checkout-title">
      <h1 id="checkout-title">{t('pay.checkout.title')}</h1>
      <p>
        {t('pay.checkout.price')} <strong>{f.price(d.price, d.currency)}</strong>
      </p>
      <Form form={form} data-testid="checkout-form" aria-label={t('pay.checkout.title')}>
        <SelectField name="method" label={t('pay.checkout.method')} options={methods} />
        {method === 'fedapay' && (
          <>
            <SelectField
              name="mobileMode"
              label={t('pay.checkout.mobileMode')}
              hint={t('pay.checkout.mobileModeHint')}
              options={[{ value: '', label: t('pay.checkout.hostedPage') }, ...MOBILE_MONEY_MODES.map((m) => ({ value: m, label: t(`pay.mode.${m}`) }))]}
            />
            <TextField name="phone" type="tel" label={t('pay.checkout.phone')} autoComplete="tel" />
          </>
        )}
        {method === 'transfer' && <p className="callout">{d.transferInstructions ?? t('pay.transfer.instructions')}</p>}
        <TextField
          name="voucherCode"
          label={t('pay.checkout.voucher')}
          hint={method === 'voucher' ? t('pay.checkout.voucherFullHint') : t('pay.checkout.voucherHint')}
          autoComplete="off"
        />
        <SubmitButton>{t('pay.checkout.submit')}</SubmitButton>
      </Form>
    </section>
  );
}
