// Field components bound to the surrounding <Form> by name: a label, the control, an optional hint
// and the field's error next to it (aria-invalid, aria-describedby), the same markup everywhere.
import { useId, type ReactNode } from 'react';
import {
  FormProvider,
  get,
  useController,
  useFormContext,
  useFormState,
  type FieldError,
  type FieldValues,
  type RegisterOptions,
  type UseFormReturn,
} from 'react-hook-form';
import { useI18n } from '../../i18n';
import { Button, Notice } from '../components';
import type { FormSchema, ZodForm } from './useZodForm';

export function Form<S extends FormSchema>({
  form,
  children,
  className = 'form',
  ...rest
}: {
  form: ZodForm<S>;
  children: ReactNode;
  className?: string;
  'aria-label'?: string;
  'data-testid'?: string;
}) {
  return (
    <FormProvider {...(form as unknown as UseFormReturn)}>
      <form {...rest} className={className} onSubmit={(e) => void form.submit(e)} noValidate>
        <FormError error={form.formError} />
        {children}
      </form>
    </FormProvider>
  );
}

/** The message for the whole form, announced when it appears. */
export function FormError({ error }: { error?: string }) {
  return error ? <Notice error>{error}</Notice> : null;
}

/** The submit button: busy (and disabled) while the form submits. */
export function SubmitButton({
  children,
  variant,
  disabled,
  testId,
}: {
  children: ReactNode;
  variant?: 'secondary';
  disabled?: boolean;
  testId?: string;
}) {
  const { isSubmitting } = useFormState();
  return (
    <Button type="submit" variant={variant} busy={isSubmitting} disabled={disabled} data-testid={testId}>
      {children}
    </Button>
  );
}

/**
 * The English name and description of a badge, challenge or category (`nameEn`, `descriptionEn`):
 * empty, the French original is shown to English readers.
 */
export function EnglishNameFields({ description = true }: { description?: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <TextField name="nameEn" label={t('admin.nameEn')} hint={t('admin.englishHint')} maxLength={255} />
      {description && <TextAreaField name="descriptionEn" label={t('admin.descriptionEn')} rows={2} maxLength={2000} />}
    </>
  );
}

/** Save and Cancel at the foot of a form (a side form, an editor opened in place). */
export function FormActions({ save, onCancel }: { save: ReactNode; onCancel(): void }) {
  const { t } = useI18n();
  return (
    <div className="form-actions">
      <SubmitButton>{save}</SubmitButton>
      <Button variant="secondary" onClick={onCancel}>
        {t('admin.list.cancel')}
      </Button>
    </div>
  );
}

/** The current error of a field (nested names like `criteria.value` too). */
export function useFieldError(name: string): string | undefined {
  const { errors } = useFormState({ name });
  return (get(errors, name) as FieldError | undefined)?.message;
}

interface Common {
  name: string;
  label: string;
  /** The label is read by screen readers only (a one-field inline form with a placeholder). */
  hideLabel?: boolean;
  /** data-testid of the control. */
  testId?: string;
  hint?: ReactNode;
  disabled?: boolean;
}

/** Label + control + hint + error; `children` gets the control's id and aria attributes. */
export function FieldShell({
  name,
  label,
  hideLabel,
  hint,
  error,
  children,
  testId,
}: Omit<Common, 'disabled'> & {
  error?: string;
  children(a: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string; 'data-testid'?: string }): ReactNode;
}) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id} className={hideLabel ? 'visually-hidden' : undefined}>
        {label}
      </label>
      {children({
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy || undefined,
        'data-testid': testId,
      })}
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

function useField(name: string, options?: RegisterOptions<FieldValues, string>) {
  const { register } = useFormContext();
  return { reg: register(name, options), error: useFieldError(name) };
}

export function TextField({
  type = 'text',
  autoComplete,
  required,
  maxLength,
  placeholder,
  ...c
}: Common & {
  type?: 'text' | 'email' | 'password' | 'tel' | 'url' | 'search' | 'date' | 'datetime-local' | 'color';
  autoComplete?: string;
  required?: boolean;
  maxLength?: number;
  placeholder?: string;
}) {
  const { reg, error } = useField(c.name);
  return (
    <FieldShell {...c} error={error}>
      {(a) => (
        <input
          {...reg}
          {...a}
          type={type}
          autoComplete={autoComplete}
          required={required}
          maxLength={maxLength}
          placeholder={placeholder}
          disabled={c.disabled}
        />
      )}
    </FieldShell>
  );
}

/** A number, or null when empty (so the schema decides whether empty is allowed). */
export function NumberField({
  min,
  max,
  step,
  ...c
}: Common & { min?: number; max?: number; step?: number | 'any' }) {
  const { reg, error } = useField(c.name, {
    setValueAs: (v: unknown) => (v === '' || v === null || v === undefined ? null : Number(v)),
  });
  return (
    <FieldShell {...c} error={error}>
      {(a) => <input {...reg} {...a} type="number" inputMode="decimal" min={min} max={max} step={step} disabled={c.disabled} />}
    </FieldShell>
  );
}

export function TextAreaField({ rows = 4, maxLength, ...c }: Common & { rows?: number; maxLength?: number }) {
  const { reg, error } = useField(c.name);
  return (
    <FieldShell {...c} error={error}>
      {(a) => <textarea {...reg} {...a} rows={rows} maxLength={maxLength} disabled={c.disabled} />}
    </FieldShell>
  );
}

export interface Option {
  value: string | number;
  label: string;
}

/** An option for each of `values`, labelled by `label(value)` (an enum and its translations). */
export const optionsOf = <const V extends string>(values: readonly V[], label: (value: V) => string) =>
  values.map((value) => ({ value, label: label(value) }));

/** The <option>s of a select. */
export function Options({ options }: { options: readonly Option[] }) {
  return options.map((o) => (
    <option key={o.value} value={o.value}>
      {o.label}
    </option>
  ));
}

/**
 * A choice among options; `numeric` reads the value back as a number ('' → null). Controlled, so
 * the form's value shows even when the options arrive after the form (a query still loading).
 */
export function SelectField({ options, numeric, ...c }: Common & { options: readonly Option[]; numeric?: boolean }) {
  const { field, fieldState } = useController({ name: c.name });
  return (
    <FieldShell {...c} error={fieldState.error?.message}>
      {(a) => (
        <select
          {...a}
          ref={field.ref}
          name={field.name}
          value={field.value === null || field.value === undefined ? '' : String(field.value)}
          onChange={(e) => field.onChange(numeric ? (e.target.value === '' ? null : Number(e.target.value)) : e.target.value)}
          onBlur={field.onBlur}
          disabled={c.disabled}
        >
          <Options options={options} />
        </select>
      )}
    </FieldShell>
  );
}

export function CheckboxField({ name, label, disabled }: Omit<Common, 'hint'>) {
  const { reg, error } = useField(name);
  const id = useId();
  return (
    <div className="field">
      <label className="checkbox">
        <input
          {...reg}
          type="checkbox"
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        {label}
      </label>
      {error && (
        <p id={`${id}-error`} className="field-error" data-field-error={name}>
          {error}
        </p>
      )}
    </div>
  );
}
