// The form hook every form uses: react-hook-form with a zod schema (checked in the browser, messages
// in the reader's language), `onSubmit` receiving the schema's parsed output, and — once, here —
// the submit state, the success toast and the server's errors mapped back onto the fields.
import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useRef, type FormEvent } from 'react';
import {
  useForm,
  type DefaultValues,
  type FieldErrors,
  type FieldValues,
  type Path,
  type Resolver,
  type UseFormReturn,
} from 'react-hook-form';
import type { z } from 'zod';
import { useI18n } from '../../i18n';
import { useToast } from '../toast';
import { issueText, reasonText, serverErrors, type ErrorOptions, type IssueLike } from './messages';

// Any zod 4 object-like schema whose input is a record of fields.
export type FormSchema = z.ZodType<FieldValues, FieldValues>;
type Schema = FormSchema;

export interface ZodFormOptions<S extends Schema, R> extends ErrorOptions {
  defaultValues: DefaultValues<z.input<S>>;
  /** Called with the parsed values; a thrown error (a failed mutation) is shown on the form. */
  onSubmit(values: z.output<S>, form: UseFormReturn<z.input<S>, unknown, z.output<S>>): Promise<R> | R;
  /** Toast shown after a successful submit. */
  success?: string | ((result: R) => string | undefined);
  /** Back to the default values after a successful submit (a "create" form). */
  resetOnSuccess?: boolean;
}

export type ZodForm<S extends Schema> = UseFormReturn<z.input<S>, unknown, z.output<S>> & {
  /** The form's onSubmit handler (validates, calls `onSubmit`, maps errors). */
  submit(e?: FormEvent): Promise<void>;
  /** The message for the whole form (server error, or "check the fields marked"), if any. */
  formError: string | undefined;
};

const ROOT = 'root.server' as const;

export function useZodForm<S extends Schema, R = unknown>(schema: S, options: ZodFormOptions<S, R>): ZodForm<S> {
  const { t } = useI18n();
  const toast = useToast();
  // The latest options without re-creating the resolver on each render.
  const opts = useRef(options);
  opts.current = options;

  const resolver = useMemo(() => {
    const inner = zodResolver(schema, {
      // Custom issues (a refine's text) are translated after parsing, with the others' context.
      error: (issue: IssueLike) => (issue.code === 'custom' ? undefined : issueText(t, issue, opts.current)),
    }) as unknown as Resolver<z.input<S>, unknown, z.output<S>>;
    return (async (values, ctx, o) => {
      const r = await inner(values, ctx, o);
      translateLeaves(r.errors as FieldErrors, (field, type, message) => {
        if (opts.current.messages?.[field]) return t(opts.current.messages[field]!);
        if (type === 'custom') return issueText(t, { code: 'custom', path: [field], message }, opts.current);
        // A schema's own message that is a reason code (`min(1, 'required')`).
        return reasonText(t, message, message);
      });
      return r;
    }) as Resolver<z.input<S>, unknown, z.output<S>>;
  }, [schema, t]);

  const form = useForm<z.input<S>, unknown, z.output<S>>({
    resolver,
    defaultValues: options.defaultValues,
    mode: 'onSubmit',
    reValidateMode: 'onChange',
  });

  const submit = form.handleSubmit(async (values) => {
    form.clearErrors(ROOT as Path<z.input<S>>);
    try {
      const result = await opts.current.onSubmit(values, form);
      const { success, resetOnSuccess } = opts.current;
      const text = typeof success === 'function' ? success(result) : success;
      if (text) toast.success(text);
      if (resetOnSuccess) form.reset();
    } catch (err) {
      applyServerErrors(form, serverErrors(t, err, opts.current));
    }
  });

  const errors = form.formState.errors;
  const root = (errors.root as Record<string, { message?: string }> | undefined)?.server?.message;
  const hasFieldErrors = Object.keys(errors).some((k) => k !== 'root');
  const formError = root ?? (hasFieldErrors && form.formState.submitCount > 0 ? t('form.fixFields') : undefined);
  return Object.assign(form, { submit, formError });
}

/** Puts mapped server errors on the form: each known field gets its message, the rest goes to the root. */
export function applyServerErrors<V extends FieldValues>(
  form: Pick<UseFormReturn<V, unknown, unknown>, 'setError' | 'getValues'>,
  mapped: { fields: Record<string, string>; form?: string },
): void {
  const values = form.getValues() as Record<string, unknown>;
  const orphans: string[] = [];
  let first = true;
  for (const [field, message] of Object.entries(mapped.fields)) {
    if (field in values) {
      form.setError(field as Path<V>, { type: 'server', message }, { shouldFocus: first });
      first = false;
    } else orphans.push(message);
  }
  // An error on a field the form does not show would otherwise vanish: say it on the form.
  const text = orphans.length ? [mapped.form, ...orphans].filter(Boolean).join(' ') : mapped.form;
  if (text) form.setError(ROOT as Path<V>, { type: 'server', message: text });
}

/** Rewrites each error's message (nested fields keep their top-level name for the lookup). */
function translateLeaves(
  errors: FieldErrors,
  tr: (field: string, type: string, message: string) => string,
  top?: string,
): void {
  for (const [key, value] of Object.entries(errors)) {
    if (!value || typeof value !== 'object') continue;
    const field = top ?? key;
    const e = value as { type?: unknown; message?: unknown };
    if (typeof e.type === 'string') {
      if (typeof e.message === 'string') e.message = tr(field, e.type, e.message);
    } else translateLeaves(value as FieldErrors, tr, field);
  }
}
