// Every error a form or an action can show, in the reader's language, decided in one place:
// zod issues found in the browser, and the server's errors (the tRPC error formatter sends zod's
// flattened field errors, a DomainError's `field`, `reason` and `retryAfterSeconds`).
import { TRPCClientError } from '@trpc/client';
import type { useI18n } from '../../i18n';
import { fr, type MessageKey } from '../../i18n/fr';

export type Translate = ReturnType<typeof useI18n>['t'];

/** Per form: a specific message for a field (server or client), and server field → form field. */
export interface ErrorOptions {
  /** Field name → message shown for any error on that field (cross-field rules, server checks). */
  messages?: Partial<Record<string, MessageKey>>;
  /** A server field name → the form field that shows it (the server's `criteria` → the form's `value`). */
  fieldMap?: Record<string, string>;
  /** tRPC code (CONFLICT, FORBIDDEN, NOT_FOUND…) → the message for the whole form. */
  codes?: Partial<Record<string, MessageKey>>;
}

export interface MappedErrors {
  /** Form field → message. */
  fields: Record<string, string>;
  /** A message for the whole form (also set when fields have errors: "check the fields marked"). */
  form?: string;
}

const has = (key: string): key is MessageKey => key in fr;

/** Server reason codes (`email_taken`, `wrong_password`…) in the reader's language. */
export function reasonText(t: Translate, reason: string | null | undefined, fallback?: string): string {
  if (reason && has(`errors.${reason}`)) return t(`errors.${reason}` as MessageKey);
  return fallback ?? reason ?? t('errors.generic');
}

// The slice of zod's issue shape we read.
export interface IssueLike {
  code: string;
  path?: PropertyKey[];
  message?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  format?: string;
  origin?: string;
  input?: unknown;
}

/** A zod issue found in the browser as a message. */
export function issueText(t: Translate, issue: IssueLike, opts: ErrorOptions = {}): string {
  const field = String(issue.path?.[0] ?? '');
  const specific = opts.messages?.[field];
  if (specific) return t(specific);
  // Nothing typed: say it is required rather than "invalid e-mail address".
  if (issue.code !== 'custom' && typeof issue.input === 'string' && issue.input.trim() === '') return t('errors.required');
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'number' || issue.origin === 'int') return t('errors.tooSmall', { min: Number(issue.minimum) });
      return Number(issue.minimum) <= 1 ? t('errors.required') : t('errors.tooShort', { min: Number(issue.minimum) });
    case 'too_big':
      if (issue.origin === 'number' || issue.origin === 'int') return t('errors.tooBig', { max: Number(issue.maximum) });
      return t('errors.tooLong', { max: Number(issue.maximum) });
    case 'invalid_format':
      return issue.format === 'email' ? t('errors.invalidEmail') : t('errors.invalid');
    case 'invalid_type':
      return issue.input === undefined || issue.input === null || issue.input === '' ? t('errors.required') : t('errors.invalid');
    case 'custom':
      return reasonText(t, issue.message, t('errors.invalid'));
    default:
      return t('errors.invalid');
  }
}

interface ErrorData {
  code?: string;
  field?: string | null;
  reason?: string | null;
  retryAfterSeconds?: number | null;
  zodError?: { fieldErrors: Record<string, string[] | undefined>; formErrors?: string[] } | null;
}

/**
 * A failed call as messages: field errors (zod's from the formatter, or a DomainError's `field`) on
 * the form's fields, and a message for the whole form. The single place server errors are read.
 */
export function serverErrors(t: Translate, err: unknown, opts: ErrorOptions = {}): MappedErrors {
  if (!(err instanceof TRPCClientError)) return { fields: {}, form: t('errors.network') };
  const data = (err.data ?? {}) as ErrorData;
  const reason = data.reason ?? err.message;
  const fields: Record<string, string> = {};
  const put = (serverField: string, text: (field: string) => string) => {
    const field = opts.fieldMap?.[serverField] ?? serverField;
    const key = opts.messages?.[serverField] ?? opts.messages?.[field];
    fields[field] ??= key ? t(key) : text(field);
  };
  for (const [f, msgs] of Object.entries(data.zodError?.fieldErrors ?? {})) {
    if (msgs?.length) put(f, () => t('errors.invalid'));
  }
  if (data.field) put(data.field, () => reasonText(t, reason, t('errors.invalid')));
  if (Object.keys(fields).length) return { fields, form: t('form.fixFields') };
  return { fields, form: actionErrorText(t, err, opts) };
}

/** The message for a failed action that belongs to no form field (a row button, a toggle). */
export function actionErrorText(t: Translate, err: unknown, opts: Pick<ErrorOptions, 'codes'> = {}): string {
  if (!(err instanceof TRPCClientError)) return t('errors.network');
  const data = (err.data ?? {}) as ErrorData;
  const reason = data.reason ?? err.message;
  if (data.code === 'TOO_MANY_REQUESTS') {
    return t('errors.rateLimited', { minutes: Math.max(1, Math.ceil((data.retryAfterSeconds ?? 60) / 60)) });
  }
  if (reason && has(`errors.${reason}`)) return reasonText(t, reason);
  const byCode = data.code ? opts.codes?.[data.code] : undefined;
  if (byCode) return t(byCode);
  if (!data.code) return t('errors.network');
  if (data.code === 'FORBIDDEN') return t('errors.forbidden');
  if (data.code === 'NOT_FOUND') return t('errors.notFound');
  if (data.code === 'CONFLICT') return t('errors.conflict');
  return t('errors.generic');
}
