// Small form helpers of the admin pages: a labelled control with its error (aria-describedby), and
// server errors turned into messages next to the fields.
import { TRPCClientError } from '@trpc/client';
import { useId, type ReactNode } from 'react';
import type { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/fr';

type T = ReturnType<typeof useI18n>['t'];
export type FieldErrors = Record<string, string | undefined>;

interface ErrorData {
  code?: string;
  field?: string | null;
  zodError?: { fieldErrors: Record<string, string[] | undefined>; formErrors?: string[] } | null;
}

const FIELD_MESSAGES: Record<string, MessageKey> = {
  criteria: 'gam.admin.error.criteria',
  endDate: 'gam.admin.error.endDate',
  startDate: 'gam.admin.error.date',
  rewardBadgeId: 'gam.admin.error.rewardBadgeId',
  iconUrl: 'gam.admin.error.iconUrl',
  name: 'gam.admin.error.name',
};

/** Field errors keyed by the top-level input field (in the reader's language), plus `form`. */
export function serverErrors(t: T, err: unknown): FieldErrors {
  if (!(err instanceof TRPCClientError)) return { form: t('common.error') };
  const data = (err.data ?? {}) as ErrorData;
  const out: FieldErrors = {};
  const message = (f: string) => t(FIELD_MESSAGES[f] ?? 'gam.admin.error.invalid');
  for (const [f, msgs] of Object.entries(data.zodError?.fieldErrors ?? {})) if (msgs?.length) out[f] = message(f);
  if (data.field) out[data.field] = message(data.field);
  if (Object.keys(out).length) return { ...out, form: t('gam.admin.invalid') };
  if (data.code === 'CONFLICT') return { form: t('gam.admin.conflict') };
  return { form: err.message || t('common.error') };
}

export function Field({ label, error, children }: { label: string; error?: string; children(id: string, describedBy?: string): ReactNode }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id, error ? `${id}-error` : undefined)}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
