// Modules and lessons of a course: add, rename, delete, reorder (drag and drop or buttons) and
// move lessons between modules. Each change is one call; the editor query is then refreshed.
import type { RouterOutputs } from '@mdsc/api';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { authoringErrors } from './errors';
import { LessonEditor } from './LessonEditor';
import { SortableList } from './SortableList';
import './builder.css';

type Editor = RouterOutputs['courses']['editor'];
type Mod = Editor['modules'][number];
type Lesson = Editor['courseLessons'][number];

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
  const onError = (err: unknown) => setError(authoringErrors(t, err).form ?? t('errors.generic'));
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
                <button
                  type="button"
                  className="secondary"
                  aria-label={t('authoring.deleteNamed', { title: l.title })}
                  onClick={() =>
                    window.confirm(t('authoring.confirmDeleteLesson', { title: l.title })) &&
                    remove.mutate({ id: l.id })
                  }
                >
                  {t('authoring.delete')}
                </button>
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

function ModuleHeader({ courseId, mod, index }: { courseId: number; mod: Mod; index: number }) {
  const { t } = useI18n();
  const refresh = useRefresh(courseId);
  const [title, setTitle] = useState(mod.title);
  const [renaming, setRenaming] = useState(false);
  const update = trpc.modules.update.useMutation({ onSuccess: () => setRenaming(false), onSettled: refresh });
  const remove = trpc.modules.delete.useMutation({ onSettled: refresh });
  if (renaming) {
    return (
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (title.trim()) update.mutate({ id: mod.id, title: title.trim() });
        }}
      >
        <label className="visually-hidden" htmlFor={`mod-${mod.id}`}>
          {t('authoring.field.moduleTitle')}
        </label>
        <input
          id={`mod-${mod.id}`}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          maxLength={255}
        />
        <button type="submit">{t('authoring.save')}</button>
        <button type="button" className="secondary" onClick={() => setRenaming(false)}>
          {t('authoring.cancel')}
        </button>
      </form>
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
        <button
          type="button"
          className="secondary"
          aria-label={t('authoring.deleteNamed', { title: mod.title })}
          onClick={() =>
            window.confirm(t('authoring.confirmDeleteModule', { title: mod.title })) &&
            remove.mutate({ id: mod.id })
          }
        >
          {t('authoring.delete')}
        </button>
      </span>
    </div>
  );
}

export function CurriculumEditor({ data }: { data: Editor }) {
  const { t } = useI18n();
  const courseId = data.course.id;
  const refresh = useRefresh(courseId);
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const reorder = trpc.modules.reorder.useMutation({ onSettled: refresh });
  const create = trpc.modules.create.useMutation();

  async function addModule(e: FormEvent) {
    e.preventDefault();
    if (!title.trim()) return setError(t('errors.required'));
    try {
      await create.mutateAsync({ courseId, title: title.trim() });
      setTitle('');
      setError(null);
      await refresh();
    } catch (err) {
      setError(authoringErrors(t, err).form ?? t('errors.generic'));
    }
  }

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
      <form onSubmit={addModule} className="row add-module">
        <label htmlFor="new-module" className="visually-hidden">
          {t('authoring.field.moduleTitle')}
        </label>
        <input
          id="new-module"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          placeholder={t('authoring.field.moduleTitle')}
          maxLength={255}
        />
        <button type="submit" disabled={create.isPending}>
          + {t('authoring.addModule')}
        </button>
        {error && (
          <p role="alert" className="field-error">
            {error}
          </p>
        )}
      </form>
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
