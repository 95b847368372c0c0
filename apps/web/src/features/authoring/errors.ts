// Server errors of the authoring procedures as messages next to the fields, in the reader's language.
import { TRPCClientError } from '@trpc/client';
import type { useI18n } from '../../i18n';
import { fr, type MessageKey } from '../../i18n/fr';

type T = ReturnType<typeof useI18n>['t'];
export type FieldErrors = Record<string, string | undefined>;

interface ErrorData {
  code?: string;
  field?: string | null;
  zodError?: { fieldErrors: Record<string, string[] | undefined> } | null;
}

/** The message for a field: a specific one when we have it (authoring.error.<field>), else generic. */
export function fieldMessage(t: T, field: string): string {
  const key = `authoring.error.${field}`;
  return key in fr ? t(key as MessageKey) : t('errors.invalid');
}

export function authoringErrors(t: T, err: unknown): FieldErrors {
  if (!(err instanceof TRPCClientError)) return { form: t('errors.network') };
  const data = (err.data ?? {}) as ErrorData;
  const out: FieldErrors = {};
  for (const [f, msgs] of Object.entries(data.zodError?.fieldErrors ?? {}))
    if (msgs?.length) out[f] = fieldMessage(t, f);
  if (data.field) out[data.field] = fieldMessage(t, data.field);
  if (Object.keys(out).length) return { ...out, form: t('authoring.fixErrors') };
  if (data.code === 'FORBIDDEN') return { form: t('authoring.forbidden') };
  if (data.code === 'NOT_FOUND') return { form: t('authoring.notFound') };
  if (data.code === 'CONFLICT') return { form: t('authoring.conflict') };
  if (!data.code) return { form: t('errors.network') };
  return { form: t('errors.generic') };
}
