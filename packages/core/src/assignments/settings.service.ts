// The instructor's side of an assignment lesson: its settings.
import { Assignment } from '@mdsc/db';
import type { AssignmentSettingsInput } from '@mdsc/validators';
import type { Actor, CoreDeps } from '../deps';
import { ValidationError } from '../errors';
import { hasVisibleContent, sanitizeLessonHtml } from '../catalog/rich-text';
import { transact } from '../transaction';
import { assertGrader, loadAssignmentLesson } from './access';
import { toSettingsDto, type AssignmentSettingsDto } from './dto';

type Deps = Pick<CoreDeps, 'db' | 'logger'>;

/** Creates or replaces the settings of an assignment lesson (its course's instructor or an admin). */
export async function saveAssignmentSettings(
  deps: Deps,
  actor: Actor,
  input: AssignmentSettingsInput,
): Promise<AssignmentSettingsDto> {
  const { course } = await loadAssignmentLesson(input.lessonId);
  assertGrader(actor, course);
  const instructionsHtml = sanitizeLessonHtml(input.instructionsHtml);
  if (!hasVisibleContent(instructionsHtml)) throw new ValidationError('instructionsHtml', 'Write the instructions');
  const values = {
    instructionsHtml,
    dueAt: input.dueAt ? new Date(input.dueAt) : null,
    latePolicy: input.latePolicy,
    points: input.points,
    passMark: input.passMark,
    submissionType: input.submissionType,
    allowedFileTypes: input.submissionType === 'text' ? null : [...new Set(input.allowedFileTypes)].join(','),
    maxFileSizeMb: input.maxFileSizeMb,
  };
  const row = await transact(deps, 'assignments.saveSettings', async (transaction) => {
    const existing = await Assignment.findOne({ where: { lessonId: input.lessonId }, transaction, lock: transaction.LOCK.UPDATE });
    if (existing) return existing.update(values, { transaction });
    return Assignment.create({ lessonId: input.lessonId, ...values }, { transaction });
  });
  return toSettingsDto(row);
}
