// The lesson text field of the builder: the form layer's FieldShell around the WYSIWYG editor,
// which is loaded on demand (TipTap and ProseMirror live in their own chunk, fetched only when an
// author opens a text lesson; learners never download them).
import { lazy, Suspense } from 'react';
import { useController } from 'react-hook-form';
import { FieldShell } from '../../ui/form';
import { Skeleton } from '../../ui/QueryState';

const RichTextEditor = lazy(() => import('./rich-editor/RichTextEditor'));

interface Props {
  name: string;
  label: string;
  courseId: number;
  lessonId?: number;
  hint?: string;
}

export function RichTextField({ name, label, courseId, lessonId, hint }: Props) {
  const { field, fieldState } = useController({ name });
  return (
    <FieldShell name={name} label={label} hint={hint} error={fieldState.error?.message}>
      {(a) => (
        <Suspense fallback={<Skeleton lines={6} />}>
          <RichTextEditor
            id={a.id}
            label={label}
            invalid={!!a['aria-invalid']}
            describedBy={a['aria-describedby']}
            value={typeof field.value === 'string' ? field.value : ''}
            onChange={field.onChange}
            onBlur={field.onBlur}
            editorRef={field.ref}
            courseId={courseId}
            lessonId={lessonId}
          />
        </Suspense>
      )}
    </FieldShell>
  );
}
