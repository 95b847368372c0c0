// Modules and lessons of a course: add, rename, delete, reorder (drag and drop or buttons) and
// move lessons between modules. Each change is one call; the editor query is then refreshed.
import type { RouterOutputs } from '@mdsc/api';
import { useState } from 'react';
import { z } from 'zod';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/fr';
import { trpc } from '../../lib/trpc';
import { Button, ConfirmButton } from '../../ui/components';
import { actionErrorText, Form, SubmitButton, TextField, useZodForm } from '../../ui/form';
import { AUTHORING_ERRORS } from './errors';
import { LessonEditor } from './LessonEditor';
import { SortableList } from './SortableList';
import './builder.css';

type Editor = RouterOutputs['courses']['editor'];
type Mod = Editor['modules'][number];
type Lesson = Editor['courseLessons'][number];

/** Delete a lesson or a module, once the author confirms. */
function DeleteButton({ title, confirm, onDelete }: { title: string; confirm: MessageKey; onDelete(): void }) {
  const { t } = useI18n();
  return (
    <ConfirmButton aria-label={t('authoring.deleteNamed', { title })} confirm={t(confirm, { title })} onConfirm={onDelete}>
      {t('authoring.delete')}
    </ConfirmButton>
  );
}

/**
 * A module's own title without a leading "Module 3 —" (imported or older courses carry one): the
 * builder numbers modules itself, by position, so that reordering never leaves a stale number.
 */
export function moduleTitle(title: string): string {
  return title.replace(/^\s*module\s+\d+\s*[—–:.-]\s*/i, '') || title;
}

function useRefresh(courseId: number) {
  const utils = trpc.useUtils();
  return () => utils.courses.editor.invalidate({ id: courseId });
}

function LessonList({
  courseId,
  moduleId,
  lessons,
  modules,
}: {
  courseId: number;
  moduleId: number | null;
  lessons: Lesson[];
  modules: Mod[];
}) {
  const { t } = useI18n();
  const refresh = useRefresh(courseId);
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const onError = (err: unknown) => setError(actionErrorText(t, err, AUTHORING_ERRORS));
  const reorder = trpc.lessons.reorder.useMutation({ onSettled: refresh, onError });
  const move = trpc.lessons.move.useMutation({ onSettled: refresh, onError });
  const remove = trpc.lessons.delete.useMutation({ onSettled: refresh, onError });

  return (
    <div className="stack lesson-list">
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <SortableList
        items={lessons}
        getId={(l) => l.id}
        getLabel={(l) => l.title}
        onReorder={(ids) => reorder.mutate({ courseId, moduleId, lessonIds: ids })}
        testId={`lessons-${moduleId ?? 'course'}`}
        render={(l) =>
          editing === l.id ? (
            <LessonEditor
              courseId={courseId}
              moduleId={moduleId}
              lesson={l}
              onDone={() => setEditing(null)}
            />
          ) : (
            <div className="row lesson-row" id={`lesson-${l.id}`} tabIndex={-1}>
              <span className="lesson-row-title">
                <span className="badge">{t(`lessonType.${l.contentType}`)}</span> {l.title}{' '}
                <span className={`badge ${l.isPublished ? 'ok' : 'warn'}`}>
                  {l.isPublished ? t('authoring.published') : t('authoring.draft')}
                </span>
              </span>
              <span className="row-actions">
                <button
                  type="button"
                  className="secondary"
                  onClick={() => setEditing(l.id)}
                  aria-label={t('authoring.editNamed', { title: l.title })}
                >
                  {t('authoring.edit')}
                </button>
                <label className="visually-hidden" htmlFor={`move-${l.id}`}>
                  {t('authoring.moveTo', { title: l.title })}
                </label>
                <select
                  id={`move-${l.id}`}
                  value={moduleId ?? ''}
                  onChange={(e) =>
                    move.mutate({
                      id: l.id,
                      toModuleId: e.target.value ? Number(e.target.value) : null,
                      toIndex: 1_000_000,
                    })
                  }
                >
                  {modules.map((m, i) => (
                    <option key={m.id} value={m.id}>
                      {t('course.module', { n: i + 1 })} — {moduleTitle(m.title)}
                    </option>
                  ))}
                  <option value="">{t('authoring.courseLevel')}</option>
                </select>
                <DeleteButton title={l.title} confirm="authoring.confirmDeleteLesson" onDelete={() => remove.mutate({ id: l.id })} />
              </span>
            </div>
          )
        }
      />
      {editing === 'new' ? (
        <LessonEditor courseId={courseId} moduleId={moduleId} onDone={() => setEditing(null)} />
      ) : (
        <p>
          <button type="button" className="secondary" onClick={() => setEditing('new')}>
            + {t('authoring.addLesson')}
          </button>
        </p>
      )}
    </div>
  );
}

const moduleTitleSchema = z.object({ title: z.string().trim().min(1).max(255) });

/** The one-field form that names a module (new or renamed). */
function ModuleTitleForm({
  initial = '',
  save,
  onSave,
  onCancel,
  placeholder,
}: {
  initial?: string;
  save: string;
  onSave(title: string): Promise<unknown>;
  onCancel?(): void;
  placeholder?: string;
}) {
  const { t } = useI18n();
  const form = useZodForm(moduleTitleSchema, {
    ...AUTHORING_ERRORS,
    defaultValues: { title: initial },
    onSubmit: (v) => onSave(v.title),
    resetOnSuccess: !initial,
  });
  return (
    <Form form={form} className="row add-module">
      <TextField name="title" hideLabel label={t('authoring.field.moduleTitle')} placeholder={placeholder} maxLength={255} />
      <SubmitButton>{save}</SubmitButton>
      {onCancel && (
        <Button variant="secondary" onClick={onCancel}>
          {t('authoring.cancel')}
        </Button>
      )}
    </Form>
  );
}

function ModuleHeader({ courseId, mod, index }: { courseId: number; mod: Mod; index: number }) {
  const { t } = useI18n();
  const refresh = useRefresh(courseId);
  const [renaming, setRenaming] = useState(false);
  const update = trpc.modules.update.useMutation({ onSettled: refresh });
  const remove = trpc.modules.delete.useMutation({ onSettled: refresh });
  if (renaming) {
    return (
      <ModuleTitleForm
        initial={mod.title}
        save={t('authoring.save')}
        onSave={async (title) => {
          await update.mutateAsync({ id: mod.id, title });
          setRenaming(false);
        }}
        onCancel={() => setRenaming(false)}
      />
    );
  }
  return (
    <div className="row">
      <h3 className="module-title">
        {t('course.module', { n: index + 1 })} — {moduleTitle(mod.title)}
      </h3>
      <span className="row-actions">
        <button
          type="button"
          className="secondary"
          onClick={() => setRenaming(true)}
          aria-label={t('authoring.renameNamed', { title: mod.title })}
        >
          {t('authoring.rename')}
        </button>
        <DeleteButton title={mod.title} confirm="authoring.confirmDeleteModule" onDelete={() => remove.mutate({ id: mod.id })} />
      </span>
    </div>
  );
}

export function CurriculumEditor({ data }: { data: Editor }) {
  const { t } = useI18n();
  const courseId = data.course.id;
  const refresh = useRefresh(courseId);
  const reorder = trpc.modules.reorder.useMutation({ onSettled: refresh });
  const create = trpc.modules.create.useMutation({ onSuccess: refresh });

  return (
    <section aria-labelledby="curriculum-title" className="stack">
      <h2 id="curriculum-title">{t('authoring.curriculum')}</h2>
      <p className="muted small">{t('authoring.dragHelp')}</p>
      <SortableList
        items={data.modules}
        getId={(m) => m.id}
        getLabel={(m) => m.title}
        onReorder={(ids) => reorder.mutate({ courseId, moduleIds: ids })}
        testId="modules"
        className="module-list"
        render={(m, i) => (
          <div className="stack" id={`module-${m.id}`} tabIndex={-1}>
            <ModuleHeader courseId={courseId} mod={m} index={i} />
            <LessonList courseId={courseId} moduleId={m.id} lessons={m.lessons} modules={data.modules} />
          </div>
        )}
      />
      <ModuleTitleForm
        save={`+ ${t('authoring.addModule')}`}
        placeholder={t('authoring.field.moduleTitle')}
        onSave={(title) => create.mutateAsync({ courseId, title })}
      />
      {(data.courseLessons.length > 0 || data.modules.length === 0) && (
        <div className="card stack">
          <h3>{t('authoring.courseLevelLessons')}</h3>
          <LessonList
            courseId={courseId}
            moduleId={null}
            lessons={data.courseLessons}
            modules={data.modules}
          />
        </div>
      )}
    </section>
  );
}
