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
import { AdminFormActions, AdminListPage } from '../../ui/admin/AdminListPage';
import { Badge, Button } from '../../ui/components';
import { Form, NumberField, SelectField, TextField, useZodForm } from '../../ui/form';
import { QueryState } from '../../ui/QueryState';
import { useActionFeedback } from '../../ui/useActionFeedback';
import './payments.css';

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
    defaultValues: { code: '', courseId: null, kind: 'full', percentOff: null, maxUses: 1, expiresOn: '', sponsorName: '' } as never,
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
    { value: '', label: user?.role === 'admin' ? t('pay.vouchers.anyCourse') : t('pay.vouchers.chooseCourse') },
    ...(courses.data ?? []).filter((c) => c.isPublished).map((c) => ({ value: String(c.id), label: c.title })),
  ];
  return (
    <Form form={form} data-testid="voucher-form" aria-label={t('pay.vouchers.new')}>
      <TextField name="sponsorName" label={t('pay.vouchers.sponsor')} required maxLength={150} />
      <SelectField name="courseId" numeric label={t('pay.order.course')} options={courseOptions} />
      <SelectField
        name="kind"
        label={t('pay.vouchers.kind')}
        options={[
          { value: 'full', label: t('pay.vouchers.full') },
          { value: 'percent', label: t('pay.vouchers.percent') },
        ]}
      />
      {kind === 'percent' && <NumberField name="percentOff" label={t('pay.vouchers.percentOff')} min={1} max={99} />}
      <NumberField name="maxUses" label={t('pay.vouchers.maxUses')} min={1} />
      <TextField name="expiresOn" type="date" label={t('pay.vouchers.expires')} />
      <TextField name="code" label={t('pay.vouchers.code')} hint={t('pay.vouchers.codeHint')} maxLength={40} />
      <AdminFormActions save={t('pay.vouchers.create')} onCancel={onDone} />
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
      <QueryState query={report} isEmpty={(d) => d.length === 0} empty={t('pay.vouchers.unused')}>
        {(rows) => (
          <div className="table-wrap" role="region" aria-label={t('pay.vouchers.reportTitle')} tabIndex={0}>
            <table data-testid="sponsor-report">
              <caption className="visually-hidden">{t('pay.vouchers.reportTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('pay.vouchers.learner')}</th>
                  <th scope="col">{t('pay.order.course')}</th>
                  <th scope="col">{t('pay.vouchers.covered')}</th>
                  <th scope="col">{t('pay.vouchers.date')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.orderReference}>
                    <td className="break">
                      {r.learnerName} ({r.learnerEmail})
                    </td>
                    <td>{r.courseTitle}</td>
                    <td>{f.price(r.amountCovered, r.currency)}</td>
                    <td>{f.date(r.redeemedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
    </section>
  );
}

export function VouchersPage() {
  const { t } = useI18n();
  const f = useFormat();
  const utils = trpc.useUtils();
  const list = trpc.payments.vouchers.useQuery({});
  // Creating codes is what this page is mostly for: the form stays open above the list.
  const [formKey, setFormKey] = useState(0);
  const [reported, setReported] = useState<Item | null>(null);
  const toggle = trpc.payments.updateVoucher.useMutation(useActionFeedback()(t('pay.vouchers.updated'), () => utils.payments.vouchers.invalidate()));
  return (
    <div className="stack payments">
      <section className="card stack" aria-labelledby="voucher-new">
        <h2 id="voucher-new">{t('pay.vouchers.new')}</h2>
        <VoucherForm key={formKey} onDone={() => setFormKey((k) => k + 1)} />
      </section>
      <AdminListPage
        title={t('pay.vouchers.title')}
        testId="vouchers"
        query={list}
        getKey={(v) => v.id}
        itemName={(v) => v.code}
        itemProps={(v) => ({ 'data-code': v.code })}
        search={{ text: (v) => v.sponsorName }}
        isActive={(v) => v.isActive}
        empty={t('pay.vouchers.empty')}
        renderItem={(v) => (
          <div>
            <h2 className="h3">
              {v.code} <Badge tone={v.isActive ? 'ok' : 'warn'}>{t(v.isActive ? 'adminCat.active' : 'adminCat.inactive')}</Badge>
            </h2>
            <p className="small">
              {v.sponsorName} — {v.courseTitle ?? t('pay.vouchers.anyCourse')} —{' '}
              {v.kind === 'full' ? t('pay.vouchers.full') : `-${v.percentOff} %`} — {t('pay.vouchers.uses', { used: v.usedCount, max: v.maxUses })}
            </p>
            {v.expiresAt && <p className="small muted">{t('pay.vouchers.expiresOn', { date: f.date(v.expiresAt) })}</p>}
          </div>
        )}
        actions={(v) => (
          <>
            <Button variant="secondary" onClick={() => setReported(v)}>
              {t('pay.vouchers.reportButton')}
            </Button>
            <Button variant="secondary" busy={toggle.isPending && toggle.variables?.id === v.id} onClick={() => toggle.mutate({ id: v.id, isActive: !v.isActive })}>
              {t(v.isActive ? 'adminCat.deactivate' : 'adminCat.activate')}
            </Button>
          </>
        )}
      />
      {reported && <SponsorReport key={reported.id} voucher={reported} />}
    </div>
  );
}
