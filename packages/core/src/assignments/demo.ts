// Demo installs: one assignment lesson in the advocacy course (a lesson of the course itself, after
// its modules, so always open and outside the path the other demos and tests follow; optional, so
// the demo's completions and certificates stay as they were), with one submission awaiting grading
// (Moussa: a text and a PDF) and one graded with feedback (Aminata). Through the real
// services: the file goes through the media pipeline, the grade through grading (notification,
// completion). Idempotent: nothing happens once the lesson exists.
import { Readable } from 'node:stream';
import { Course, Enrollment, Lesson, User } from '@mdsc/db';
import type { Actor, CoreDeps } from '../deps';
import { demoHandoutPdf } from '../demo/demo-media.service';
import { gradeSubmission } from './grading.service';
import { saveAssignmentSettings } from './settings.service';
import { submitAssignment, uploadAssignmentFile } from './submission.service';

const SLUG = 'plaidoyer-mobilisation-citoyenne';
const TITLE = 'Devoir : le diagnostic de gouvernance de votre organisation';

const DEMO_LEARNERS = ['moussa.ouedraogo@mdsc.test', 'aminata.diallo@mdsc.test'];

const actorOf = (u: User): Actor => ({ id: u.id, role: u.role, emailVerified: !!u.isEmailVerified, locale: 'fr' });

export async function seedDemoAssignment(deps: CoreDeps): Promise<{ created: boolean }> {
  const course = await Course.findOne({ where: { slug: SLUG }, attributes: ['id', 'instructorId', 'isPublished'] });
  if (!course?.isPublished) return { created: false };
  if (await Lesson.findOne({ where: { courseId: course.id, title: TITLE }, attributes: ['id'], paranoid: false })) {
    return { created: false };
  }
  // Its learners' seats in this paid course are bought by seedDemoActivity: without them the lesson
  // would be created empty and, being there, never completed. Refuse before writing anything.
  const seats = await Enrollment.count({
    where: { courseId: course.id, isActive: true },
    include: [{ model: User, as: 'user', attributes: [], where: { email: DEMO_LEARNERS } }],
  });
  if (seats === 0) throw new Error('seedDemoAssignment needs seedDemoActivity first (its learners are not enrolled yet)');
  const last = await Lesson.max<number, Lesson>('orderIndex', { where: { courseId: course.id, moduleId: null } });
  const lesson = await Lesson.create({
    courseId: course.id,
    moduleId: null,
    title: TITLE,
    description: 'Appliquez à votre propre organisation ce que vous avez appris.',
    contentType: 'assignment',
    mediaFileId: null,
    contentUrl: null,
    contentText: null,
    videoUrl: null,
    durationMinutes: 45,
    orderIndex: (last ?? 0) + 1,
    isRequired: false,
    isPublished: true,
  });
  const teacher = await User.findByPk(course.instructorId);
  if (!teacher) return { created: true };
  await saveAssignmentSettings(deps, actorOf(teacher), {
    lessonId: lesson.id,
    instructionsHtml:
      '<p>Réalisez le <strong>diagnostic de gouvernance</strong> de votre organisation en deux pages au plus :</p>' +
      '<ul><li>ses organes et qui y siège ;</li><li>comment les décisions sont prises et rendues publiques ;</li>' +
      '<li>deux améliorations que vous proposeriez au prochain conseil.</li></ul>' +
      '<p>Rendez un PDF ou un document Word, ou écrivez directement votre réponse.</p>',
    dueAt: new Date(deps.clock.now().getTime() + 14 * 24 * 3600 * 1000).toISOString(),
    latePolicy: 'accept_flag',
    points: 20,
    passMark: 10,
    submissionType: 'both',
    allowedFileTypes: ['pdf', 'docx'],
    maxFileSizeMb: 10,
  });

  const learner = async (email: string) => {
    const u = await User.findOne({ where: { email } });
    if (!u) return null;
    const enrolled = await Enrollment.findOne({ where: { userId: u.id, courseId: course.id, isActive: true } });
    return enrolled ? actorOf(u) : null;
  };
  const moussa = await learner(DEMO_LEARNERS[0]);
  if (moussa) {
    const pdf = await demoHandoutPdf('Diagnostic de gouvernance — Association Lumière du Zou', 'Rendu de Moussa Ouédraogo.', [
      { heading: 'Nos organes', lines: ['Assemblée générale annuelle, conseil de sept membres, bureau de trois.'] },
      { heading: 'Nos décisions', lines: ['Votées en conseil ; le procès-verbal est affiché au siège.'] },
      { heading: 'Deux améliorations', lines: ['Publier le rapport financier en ligne.', 'Limiter les mandats à deux.'] },
    ]);
    const media = await uploadAssignmentFile(deps, moussa, {
      lessonId: lesson.id,
      filename: 'diagnostic-gouvernance-moussa.pdf',
      stream: Readable.from([pdf]),
    });
    await submitAssignment(deps, moussa, {
      lessonId: lesson.id,
      text: 'Bonjour, voici mon diagnostic en pièce jointe. Le point sur les mandats me semble le plus urgent.',
      mediaFileId: media.id,
    });
  }
  const aminata = await learner(DEMO_LEARNERS[1]);
  if (aminata) {
    const sub = await submitAssignment(deps, aminata, {
      lessonId: lesson.id,
      text:
        'Notre organisation : une AG par an, un conseil de neuf membres élus pour trois ans.\n' +
        'Les décisions sont prises en conseil et publiées dans notre lettre mensuelle.\n' +
        'Améliorations : un comité d’audit indépendant et un budget participatif pour les membres.',
      mediaFileId: null,
    });
    await gradeSubmission(deps, actorOf(teacher), {
      submissionId: sub.id,
      score: 17,
      feedback: 'Très bon diagnostic, clair et concret. Le comité d’audit est une excellente idée : précisez sa composition.',
    });
  }
  return { created: true };
}
