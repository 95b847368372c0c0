// Form helpers shared by every page: one field component that shows its error next to the input,
// client-side checks with the shared zod schemas, and server errors mapped back onto fields.
import { TRPCClientError } from '@trpc/client';
import { useId, useState, type ReactNode } from 'react';
import type { useI18n } from '../i18n';
import { fr, type MessageKey } from '../i18n/fr';

type T = ReturnType<typeof useI18n>['t'];
export type FieldErrors = Record<string, string | undefined>;

/** Server reason codes (`email_taken`, `wrong_password`…) in the reader's language. */
export function reasonText(t: T, reason: string, fallback?: string): string {
  const key = `errors.${reason}`;
  return key in fr ? t(key as MessageKey) : (fallback ?? reason);
}

// The slice of zod's issue shape we read (the schemas come from @mdsc/validators).
interface Issue {
  code: string;
  path: PropertyKey[];
  minimum?: number | bigint;
  maximum?: number | bigint;
  format?: string;
}
interface Schema {
  safeParse(v: unknown): { success: true } | { success: false; error: { issues: Issue[] } };
}

function issueText(t: T, issue: Issue): string {
  switch (issue.code) {
    case 'too_small':
      return Number(issue.minimum) <= 1 ? t('errors.required') : t('errors.tooShort', { min: Number(issue.minimum) });
    case 'too_big':
      return t('errors.tooLong', { max: Number(issue.maximum) });
    case 'invalid_format':
      return issue.format === 'email' ? t('errors.invalidEmail') : t('errors.invalid');
    default:
      return t('errors.invalid');
  }
}

/** Checks `values` against a shared schema; null when valid, else one message per field. */
export function checkWith(t: T, schema: Schema, values: unknown): FieldErrors | null {
  const r = schema.safeParse(values);
  if (r.success) return null;
  const out: FieldErrors = {};
  for (const issue of r.error.issues) {
    const f = String(issue.path[0] ?? 'form');
    out[f] ??= issueText(t, issue);
  }
  return out;
}

interface ErrorData {
  code?: string;
  field?: string | null;
  retryAfterSeconds?: number | null;
  zodError?: { fieldErrors: Record<string, string[] | undefined> } | null;
}

/** A failed mutation as field errors (`form` for the ones that belong to no field). */
export function serverErrors(t: T, err: unknown): FieldErrors {
  if (!(err instanceof TRPCClientError)) return { form: t('errors.network') };
  const data = (err.data ?? {}) as ErrorData;
  if (data.zodError) {
    const out: FieldErrors = {};
    for (const [f, msgs] of Object.entries(data.zodError.fieldErrors)) if (msgs?.[0]) out[f] = t('errors.invalid');
    if (Object.keys(out).length) return out;
  }
  if (data.field) return { [data.field]: reasonText(t, err.message) };
  if (data.code === 'TOO_MANY_REQUESTS') {
    return { form: t('errors.rateLimited', { minutes: Math.max(1, Math.ceil((data.retryAfterSeconds ?? 60) / 60)) }) };
  }
  if (!data.code) return { form: t('errors.network') };
  return { form: reasonText(t, err.message, t('errors.generic')) };
}

/** Form state: values, a setter per field, errors. */
export function useForm<V extends Record<string, string | boolean>>(initial: V) {
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const set = <K extends keyof V>(k: K) => (v: V[K]) => {
    setValues((prev) => ({ ...prev, [k]: v }));
    setErrors((prev) => ({ ...prev, [k as string]: undefined, form: undefined }));
  };
  return { values, setValues, set, errors, setErrors };
}

interface FieldProps {
  name: string;
  label: string;
  value: string;
  onChange(v: string): void;
  error?: string;
  type?: 'text' | 'email' | 'password' | 'tel' | 'url';
  autoComplete?: string;
  hint?: ReactNode;
  required?: boolean;
}

export function Field({ name, label, value, onChange, error, type = 'text', autoComplete, hint, required }: FieldProps) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type={type}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoComplete={autoComplete}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
      {hint && (
        <small id={`${id}-hint`} className="muted">
          {hint}
        </small>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error" data-field-error={name}>
          {error}
        </p>
      )}
    </div>
  );
}

export function FormError({ error }: { error?: string }) {
  if (!error) return null;
  return (
    <p role="alert" className="form-error">
      {error}
    </p>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="notice">
      {children}
    </p>
  );
}
