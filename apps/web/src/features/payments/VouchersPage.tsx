// Sponsor vouchers for admins (any course) and instructors (own courses): create codes, switch them
// on or off, and the sponsor report (who used which code).
import type { RouterOutputs } from '@mdsc/api';
import { voucherCodeSchema } from '@mdsc/validators';
import { useState } from 'react';
import { z } from 'zod';
import { useAuth } from '../auth/useAuth';
import { useI18n } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { trpc } from '../../lib/trpc';
import { AdminListPage, useEditor } from '../../ui/admin/AdminListPage';
import { Button } from '../../ui/components';
import { Form, FormActions, NumberField, optionsOf, SelectField, TextField, useZodForm } from '../../ui/form';
import { QueryTable } from '../../ui/QueryState';
import { useActionFeedback } from '../../ui/useActionFeedback';

type Item = RouterOutputs['payments']['vouchers'][number];

const formSchema = z
  .object({
    code: z.preprocess((v) => (v === '' ? undefined : v), voucherCodeSchema.optional()),
    courseId: z.number().int().positive().nullable(),
    kind: z.enum(['full', 'percent']),
    percentOff: z.number().int().min(1).max(99).nullable(),
    maxUses: z.number().int().min(1).max(100000),
    expiresOn: z.string(),
    sponsorName: z.string().trim().min(2).max(150),
  })
  .refine((v) => v.kind === 'full' || v.percentOff !== null, { path: ['percentOff'], message: 'required' });

function VoucherForm({ onDone }: { onDone(): void }) {
  const { t } = useI18n();
  const { user } = useAuth();
  const utils = trpc.useUtils();
  const courses = trpc.analytics.courses.useQuery();
  const create = trpc.payments.createVoucher.useMutation();
  const form = useZodForm(formSchema, {
    defaultValues: {
      code: '',
      courseId: null,
      kind: 'full',
      percentOff: null,
      maxUses: 1,
      expiresOn: '',
      sponsorName: '',
    } as never,
    onSubmit: async (v) => {
      const saved = await create.mutateAsync({
        code: v.code,
        courseId: v.courseId,
        kind: v.kind,
        percentOff: v.kind === 'percent' ? v.percentOff : null,
        maxUses: v.maxUses,
        expiresAt: v.expiresOn ? new Date(`${v.expiresOn}T23:59:59Z`).toISOString() : null,
        sponsorName: v.sponsorName,
      });
      await utils.payments.vouchers.invalidate();
      return saved;
    },
    success: (saved) => t('pay.vouchers.created', { code: saved.code }),
    resetOnSuccess: true,
    codes: { CONFLICT: 'pay.vouchers.codeTaken', FORBIDDEN: 'pay.vouchers.forbidden' },
  });
  const kind = form.watch('kind');
  const courseOptions = [
    {
      value: '',
      label: user?.role === 'admin' ? t('pay.vouchers.anyCourse') : t('pay.vouchers.chooseCourse'),
    },
    ...(courses.data ?? []).filter((c) => c.isPublished).map((c) => ({ value: String(c.id), label: c.title })),
  ];
  return (
    <Form form={form} data-testid="voucher-form" aria-label={t('pay.vouchers.new')}>
      <TextField name="sponsorName" label={t('pay.vouchers.sponsor')} required maxLength={150} />
      <SelectField name="courseId" numeric label={t('pay.order.course')} options={courseOptions} />
      <SelectField name="kind" label={t('pay.vouchers.kind')} options={optionsOf(['full', 'percent'], (k) => t(`pay.vouchers.${k}`))} />
      {kind === 'percent' && <NumberField name="percentOff" label={t('pay.vouchers.percentOff')} min={1} max={99} />}
      <NumberField name="maxUses" label={t('pay.vouchers.maxUses')} min={1} />
      <TextField name="expiresOn" type="date" label={t('pay.vouchers.expires')} />
      <TextField name="code" label={t('pay.vouchers.code')} hint={t('pay.vouchers.codeHint')} maxLength={40} />
      <FormActions save={t('pay.vouchers.create')} onCancel={onDone} />
    </Form>
  );
}

function SponsorReport({ voucher }: { voucher: Item }) {
  const { t } = useI18n();
  const f = useFormat();
  const report = trpc.payments.sponsorReport.useQuery({ voucherId: voucher.id });
  return (
    <section className="stack" aria-labelledby="sponsor-report">
      <h2 id="sponsor-report">{t('pay.vouchers.report', { code: voucher.code, sponsor: voucher.sponsorName })}</h2>
      <QueryTable
        query={report}
        empty={t('pay.vouchers.unused')}
        label={t('pay.vouchers.reportTitle')}
        testId="sponsor-report"
        rowKey={(r) => r.orderReference}
        columns={[
          {
            header: t('pay.vouchers.learner'),
            cell: (r) => `${r.learnerName} (${r.learnerEmail})`,
            className: () => 'break',
          },
          { header: t('pay.order.course'), cell: (r) => r.courseTitle },
          {
            header: t('pay.vouchers.covered'),
            cell: (r) => f.price(r.amountCovered, r.currency),
            numeric: true,
          },
          { header: t('pay.vouchers.date'), cell: (r) => f.date(r.redeemedAt) },
        ]}
      />
    </section>
  );
}

export function VouchersPage() {
  const { t } = useI18n();
  const f = useFormat();
  const utils = trpc.useUtils();
  const list = trpc.payments.vouchers.useQuery({});
  // Creating codes is what this page is mostly for: the form is open from the start. Codes are
  // switched on or off, never edited.
  const editor = useEditor<Item>({ mode: 'new' });
  const [reported, setReported] = useState<Item | null>(null);
  const toggle = trpc.payments.updateVoucher.useMutation(useActionFeedback()(t('pay.vouchers.updated'), () => utils.payments.vouchers.invalidate()));
  return (
    <AdminListPage
      texts="pay.vouchers"
      testId="vouchers"
      query={list}
      itemName={(v) => v.code}
      itemProps={(v) => ({ 'data-code': v.code })}
      search={{ text: (v) => v.sponsorName }}
      active={toggle}
      details={(v) => (
        <>
          <p className="small">
            {v.sponsorName} — {v.courseTitle ?? t('pay.vouchers.anyCourse')} — {v.kind === 'full' ? t('pay.vouchers.full') : `-${v.percentOff} %`} —{' '}
            {t('pay.vouchers.uses', { used: v.usedCount, max: v.maxUses })}
          </p>
          {v.expiresAt && <p className="small muted">{t('pay.vouchers.expiresOn', { date: f.date(v.expiresAt) })}</p>}
        </>
      )}
      editor={editor}
      opens="new"
      renderForm={(_, close) => <VoucherForm onDone={close} />}
      actions={(v) => (
        <Button variant="secondary" onClick={() => setReported(v)}>
          {t('pay.vouchers.reportButton')}
        </Button>
      )}
      after={reported && <SponsorReport key={reported.id} voucher={reported} />}
    />
  );
}
