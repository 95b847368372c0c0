// Modules and lessons: CRUD, ordering and moves. Every structural change runs in a transaction
// holding the course row's lock (see loadEditableCourse), which keeps order_index dense (1..n)
// under concurrent edits of the same course.
import { CourseModule, Lesson, MediaFile } from '@mdsc/db';
import {
  LESSON_MEDIA_CATEGORIES,
  lessonContentIssues,
  type LessonContentType,
  type LessonCreateInput,
  type LessonMoveInput,
  type LessonReorderInput,
  type LessonUpdateInput,
  type ModuleCreateInput,
  type ModuleReorderInput,
  type ModuleUpdateInput,
} from '@mdsc/validators';
import type { Transaction } from 'sequelize';
import type { Actor, CoreDeps } from '../deps';
import { NotFoundError, ValidationError } from '../errors';
import { assertAuthor, loadEditableCourse } from './access';
import { lessonMediaInclude, toLessonDto, toModuleDto, type LessonOutlineDto, type ModuleDto } from './curriculum-dto';
import { sameIdSet, writeDenseOrder } from './order';
import { transact } from '../transaction';
import { hasVisibleContent, htmlToPlainText, sanitizeLessonHtml } from './rich-text';

type Deps = Pick<CoreDeps, 'db'>;

async function moduleIds(courseId: number, transaction: Transaction): Promise<number[]> {
  const rows = await CourseModule.findAll({
    attributes: ['id'],
    where: { courseId },
    order: [
      ['orderIndex', 'ASC'],
      ['id', 'ASC'],
    ],
    transaction,
  });
  return rows.map((r) => r.id);
}

async function lessonIds(
  courseId: number,
  moduleId: number | null,
  transaction: Transaction,
): Promise<number[]> {
  const rows = await Lesson.findAll({
    attributes: ['id'],
    where: { courseId, moduleId },
    order: [
      ['orderIndex', 'ASC'],
      ['id', 'ASC'],
    ],
    transaction,
  });
  return rows.map((r) => r.id);
}

async function assertModuleOfCourse(
  moduleId: number,
  courseId: number,
  transaction: Transaction,
  field: string,
) {
  const mod = await CourseModule.findOne({
    attributes: ['id'],
    where: { id: moduleId, courseId },
    transaction,
  });
  if (!mod) throw new ValidationError(field, 'Not a module of this course');
}

/** A lesson's file must belong to the same course and be of a kind the lesson type can show. */
async function assertLessonMedia(
  mediaFileId: number,
  courseId: number,
  contentType: LessonContentType,
  transaction: Transaction,
) {
  const media = await MediaFile.findByPk(mediaFileId, {
    attributes: ['id', 'courseId', 'fileCategory'],
    transaction,
  });
  if (!media || media.courseId !== courseId)
    throw new ValidationError('mediaFileId', 'Not a file of this course');
  if (!LESSON_MEDIA_CATEGORIES[contentType].includes(media.fileCategory)) {
    throw new ValidationError(
      'mediaFileId',
      `A ${contentType} lesson cannot use a ${media.fileCategory} file`,
    );
  }
}

// ---------------------------------------------------------------- modules
export async function createModule(deps: Deps, actor: Actor, input: ModuleCreateInput): Promise<ModuleDto> {
  assertAuthor(actor);
  return transact(deps, 'catalog.createModule', async (transaction) => {
    await loadEditableCourse(actor, input.courseId, transaction);
    const count = await CourseModule.count({ where: { courseId: input.courseId }, transaction });
    const mod = await CourseModule.create({ ...input, orderIndex: count + 1 }, { transaction });
    return toModuleDto(mod);
  });
}

/**
 * Finds the module's course *outside* the transaction, then locks the course and reads the module
 * inside it. A plain read inside the transaction before the lock would fix InnoDB's snapshot
 * (REPEATABLE READ) too early: work committed by the lock's previous holder would be invisible and
 * the renumbering would leave gaps.
 */
async function loadModuleForEdit(actor: Actor, id: number, transaction: Transaction): Promise<CourseModule> {
  const found = await CourseModule.findByPk(id, { attributes: ['id', 'courseId'] });
  if (!found) throw new NotFoundError('Module', { id });
  await loadEditableCourse(actor, found.courseId, transaction);
  const mod = await CourseModule.findByPk(id, { transaction });
  if (!mod) throw new NotFoundError('Module', { id });
  return mod;
}

export async function updateModule(deps: Deps, actor: Actor, input: ModuleUpdateInput): Promise<ModuleDto> {
  assertAuthor(actor);
  const { id, ...fields } = input;
  return transact(deps, 'catalog.updateModule', async (transaction) => {
    const mod = await loadModuleForEdit(actor, id, transaction);
    const changes = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    await mod.update(changes, { transaction });
    return toModuleDto(mod);
  });
}

/** Soft-deletes the module and its lessons, then closes the gap in the module order. */
export async function deleteModule(deps: Deps, actor: Actor, id: number): Promise<{ id: number }> {
  assertAuthor(actor);
  await transact(deps, 'catalog.deleteModule', async (transaction) => {
    const mod = await loadModuleForEdit(actor, id, transaction);
    await Lesson.destroy({ where: { moduleId: mod.id }, transaction });
    await mod.destroy({ transaction });
    await writeDenseOrder(
      deps.db.sequelize,
      'modules',
      await moduleIds(mod.courseId, transaction),
      transaction,
    );
  });
  return { id };
}

/** The new order of every module of the course, in one call. */
export async function reorderModules(
  deps: Deps,
  actor: Actor,
  input: ModuleReorderInput,
): Promise<ModuleDto[]> {
  assertAuthor(actor);
  return transact(deps, 'catalog.reorderModules', async (transaction) => {
    await loadEditableCourse(actor, input.courseId, transaction);
    const current = await moduleIds(input.courseId, transaction);
    if (!sameIdSet(current, input.moduleIds)) {
      throw new ValidationError('moduleIds', 'Must list every module of the course exactly once');
    }
    await writeDenseOrder(deps.db.sequelize, 'modules', input.moduleIds, transaction);
    const rows = await CourseModule.findAll({
      where: { courseId: input.courseId },
      order: [['orderIndex', 'ASC']],
      transaction,
    });
    return rows.map(toModuleDto);
  });
}

// ---------------------------------------------------------------- lessons
/** content_text is a TEXT column: 65,535 bytes. */
function fitTextColumn(text: string): string {
  const bytes = new TextEncoder().encode(text);
  if (bytes.length <= 65_535) return text;
  return new TextDecoder().decode(bytes.slice(0, 65_535)).replace(/\uFFFD$/, '');
}

/**
 * Rich text: HTML given → sanitised, and content_text becomes its plain-text copy (search).
 * Plain text given alone → the HTML is dropped (the lesson renders from its text again).
 */
function withRichText<T extends { contentHtml?: string | null; contentText?: string | null }>(fields: T): T {
  if (fields.contentHtml === undefined) {
    return fields.contentText !== undefined ? { ...fields, contentHtml: null } : fields;
  }
  if (fields.contentHtml === null) return fields;
  const html = sanitizeLessonHtml(fields.contentHtml);
  if (!hasVisibleContent(html))
    throw new ValidationError('contentHtml', 'Nothing is left of this text once cleaned');
  return { ...fields, contentHtml: html, contentText: fitTextColumn(htmlToPlainText(html)) || null };
}

export async function createLesson(
  deps: Deps,
  actor: Actor,
  input: LessonCreateInput,
): Promise<LessonOutlineDto> {
  assertAuthor(actor);
  return transact(deps, 'catalog.createLesson', async (transaction) => {
    await loadEditableCourse(actor, input.courseId, transaction);
    if (input.moduleId !== null)
      await assertModuleOfCourse(input.moduleId, input.courseId, transaction, 'moduleId');
    if (input.mediaFileId !== null) {
      await assertLessonMedia(input.mediaFileId, input.courseId, input.contentType, transaction);
    }
    const count = await Lesson.count({
      where: { courseId: input.courseId, moduleId: input.moduleId },
      transaction,
    });
    const lesson = await Lesson.create({ ...withRichText(input), orderIndex: count + 1 }, { transaction });
    return toLessonDto(lesson, true);
  });
}

/** Same order as loadModuleForEdit: course found outside, then locked, then the lesson read. */
async function loadLessonForEdit(actor: Actor, id: number, transaction: Transaction): Promise<Lesson> {
  const found = await Lesson.findByPk(id, { attributes: ['id', 'courseId'] });
  if (!found) throw new NotFoundError('Lesson', { id });
  await loadEditableCourse(actor, found.courseId, transaction);
  const lesson = await Lesson.findByPk(id, { transaction });
  if (!lesson) throw new NotFoundError('Lesson', { id });
  return lesson;
}

export async function updateLesson(
  deps: Deps,
  actor: Actor,
  input: LessonUpdateInput,
): Promise<LessonOutlineDto> {
  assertAuthor(actor);
  const { id, ...fields } = input;
  return transact(deps, 'catalog.updateLesson', async (transaction) => {
    const lesson = await loadLessonForEdit(actor, id, transaction);
    const changes: Partial<Lesson> = withRichText(
      Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
    );
    const merged = { ...lesson.get(), ...changes };
    const issues = lessonContentIssues(merged);
    if (issues.length) throw new ValidationError(issues[0].field, issues[0].message);
    if (merged.mediaFileId && (changes.mediaFileId !== undefined || changes.contentType !== undefined)) {
      await assertLessonMedia(merged.mediaFileId, lesson.courseId, merged.contentType, transaction);
    }
    await lesson.update(changes, { transaction });
    const reloaded = await Lesson.findByPk(id, {
      include: [lessonMediaInclude],
      transaction,
    });
    return toLessonDto(reloaded!, true);
  });
}

export async function deleteLesson(deps: Deps, actor: Actor, id: number): Promise<{ id: number }> {
  assertAuthor(actor);
  await transact(deps, 'catalog.deleteLesson', async (transaction) => {
    const lesson = await loadLessonForEdit(actor, id, transaction);
    await lesson.destroy({ transaction });
    const rest = await lessonIds(lesson.courseId, lesson.moduleId ?? null, transaction);
    await writeDenseOrder(deps.db.sequelize, 'lessons', rest, transaction);
  });
  return { id };
}

/** The new order of the lessons of one module (or of the course's own lessons), in one call. */
export async function reorderLessons(
  deps: Deps,
  actor: Actor,
  input: LessonReorderInput,
): Promise<{ lessonIds: number[] }> {
  assertAuthor(actor);
  return transact(deps, 'catalog.reorderLessons', async (transaction) => {
    await loadEditableCourse(actor, input.courseId, transaction);
    if (input.moduleId !== null)
      await assertModuleOfCourse(input.moduleId, input.courseId, transaction, 'moduleId');
    const current = await lessonIds(input.courseId, input.moduleId, transaction);
    if (!sameIdSet(current, input.lessonIds)) {
      throw new ValidationError('lessonIds', 'Must list every lesson of this module exactly once');
    }
    await writeDenseOrder(deps.db.sequelize, 'lessons', input.lessonIds, transaction);
    return { lessonIds: input.lessonIds };
  });
}

/** Moves a lesson to another module of the same course (or to the course itself) at a position. */
export async function moveLesson(
  deps: Deps,
  actor: Actor,
  input: LessonMoveInput,
): Promise<LessonOutlineDto> {
  assertAuthor(actor);
  return transact(deps, 'catalog.moveLesson', async (transaction) => {
    const lesson = await loadLessonForEdit(actor, input.id, transaction);
    const from = lesson.moduleId ?? null;
    const to = input.toModuleId;
    if (to !== null) await assertModuleOfCourse(to, lesson.courseId, transaction, 'toModuleId');
    const source = (await lessonIds(lesson.courseId, from, transaction)).filter((lid) => lid !== lesson.id);
    const target = from === to ? source : await lessonIds(lesson.courseId, to, transaction);
    target.splice(Math.min(input.toIndex, target.length), 0, lesson.id);
    if (from !== to) {
      await lesson.update({ moduleId: to }, { transaction });
      await writeDenseOrder(deps.db.sequelize, 'lessons', source, transaction);
    }
    await writeDenseOrder(deps.db.sequelize, 'lessons', target, transaction);
    await lesson.reload({ transaction });
    return toLessonDto(lesson, true);
  });
}
