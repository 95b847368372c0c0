// The one "create or update" form: opened with an item it updates it (the item's id added to the
// body), opened without one it creates a new one (in `parent`, e.g. `{ quizId }`). The course,
// question, category, badge and challenge forms all submit through it; useZodForm below still does
// the checking, the submit state and the server's errors.
import type { DefaultValues } from 'react-hook-form';
import type { z } from 'zod';
import { useZodForm, type FormSchema, type ZodForm, type ZodFormOptions } from './useZodForm';

/** A tRPC mutation (only what the form calls). */
export interface SaveMutation<V, R> {
  mutateAsync(v: V): Promise<R>;
}

export interface SaveFormOptions<S extends FormSchema, Item extends { id: number }, B, P, R>
  extends Omit<ZodFormOptions<S, R>, 'defaultValues' | 'onSubmit' | 'success' | 'resetOnSuccess'> {
  /** The item being edited; none: the form creates one. */
  item: Item | undefined;
  /** The form's values of the item (or of a new one). */
  toForm(item: Item | undefined): DefaultValues<z.input<S>>;
  create: SaveMutation<NoInfer<B & P>, R>;
  update: SaveMutation<NoInfer<B & { id: number }>, R>;
  /** What a new item is created in (sent with the create only): `{ quizId }`. */
  parent?: P;
  /** The body both mutations send, from the parsed values (default: the values themselves). */
  body?(values: z.output<S>): B;
  /** After either save: refetch, close, navigate (`created`: it was the create). */
  afterSave?(saved: R, created: boolean): unknown;
  /** The toasts after a creation and after an update (none if absent). */
  success?: { created?: string | ((saved: R) => string); updated?: string };
}

export function useSaveForm<S extends FormSchema, Item extends { id: number }, B = z.output<S>, P extends object = object, R = unknown>(
  schema: S,
  { item, toForm, create, update, parent, body, afterSave, success, ...errors }: SaveFormOptions<S, Item, B, P, R>,
): ZodForm<S> {
  return useZodForm(schema, {
    ...errors,
    defaultValues: toForm(item),
    onSubmit: async (values) => {
      const b = body ? body(values) : (values as B);
      const saved = item ? await update.mutateAsync({ ...b, id: item.id }) : await create.mutateAsync({ ...b, ...(parent as P) });
      await afterSave?.(saved, !item);
      return saved;
    },
    success: item ? success?.updated : success?.created,
    // A creation form is emptied for the next one; an edited item keeps its saved values.
    resetOnSuccess: !item,
  });
}
