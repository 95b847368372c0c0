// Demo installs: the governance course's discussion space with what a running course has — the
// instructor's welcome announcement, a question about a lesson answered by a classmate and
// accepted (she earns the accepted-answer XP), and a question still waiting for an answer (it shows
// on the instructor's dashboard). Through the real services (posting rules, fan-out, outbox, XP).
// Idempotent: every post carries a fixed draft key (`clientKey`), so a run cut short resumes without
// doubles, and nothing happens once the last question exists.
import { Course, DiscussionThread, Lesson, User } from '@mdsc/db';
import type { Actor, CoreDeps } from '../deps';
import { acceptAnswer, createPost } from './posts.service';
import { createThread } from './threads.service';

const SLUG = 'gouvernance-associative-fondamentaux';
const LESSON = 'Les organes d’une association';

const actorOf = (u: User): Actor => ({ id: u.id, role: u.role, emailVerified: !!u.isEmailVerified, locale: 'fr' });

export async function seedDemoDiscussions(deps: CoreDeps): Promise<{ created: boolean }> {
  const course = await Course.findOne({ where: { slug: SLUG }, attributes: ['id', 'instructorId', 'isPublished'] });
  if (!course?.isPublished) return { created: false };
  const people = await User.findAll({
    where: { email: ['koffi.mensah@mdsc.test', 'aminata.diallo@mdsc.test', 'moussa.ouedraogo@mdsc.test'] },
  });
  const teacher = await User.findByPk(course.instructorId);
  const by = (email: string) => people.find((u) => u.email === email);
  const [koffi, aminata, moussa] = [by('koffi.mensah@mdsc.test'), by('aminata.diallo@mdsc.test'), by('moussa.ouedraogo@mdsc.test')];
  // The learners post as members of the course: their seats come from seedDemoActivity.
  if (!teacher || !koffi || !aminata || !moussa) return { created: false };
  const last = { authorId: moussa.id, clientKey: 'demo-discussion-question-mandats' };
  if (await DiscussionThread.findOne({ where: last, attributes: ['id'], paranoid: false })) return { created: false };
  const lesson = await Lesson.findOne({ where: { courseId: course.id, title: LESSON }, attributes: ['id'] });

  await createThread(deps, actorOf(teacher), {
    courseId: course.id,
    category: 'announcement',
    title: 'Bienvenue dans le cours !',
    body:
      'Bonjour à toutes et à tous,\n\nPosez ici vos questions sur les leçons : vos camarades et moi y répondons. ' +
      'Une réponse acceptée rapporte **15 XP** à son auteur.\n\nBon apprentissage !',
    attachmentIds: [],
    clientKey: 'demo-discussion-welcome',
  });
  const asked = await createThread(deps, actorOf(koffi), {
    courseId: course.id,
    lessonId: lesson?.id ?? null,
    category: 'question',
    title: 'Qui convoque l’assemblée générale ?',
    body: 'Dans notre association, le bureau et le conseil d’administration se renvoient la question. Qui doit convoquer l’assemblée générale ?',
    attachmentIds: [],
    clientKey: 'demo-discussion-question-ag',
  });
  const answer = await createPost(deps, actorOf(aminata), {
    threadId: asked.id,
    body:
      'C’est en général le **conseil d’administration**, selon vos statuts. Le président signe la convocation, ' +
      'envoyée au moins quinze jours avant, avec l’ordre du jour.',
    attachmentIds: [],
    clientKey: 'demo-discussion-answer-ag',
  });
  // Accepted once both are visible (with first-post review on, they wait for the instructor).
  if (!asked.isPending && !answer.isPending) {
    await acceptAnswer(deps, actorOf(koffi), { threadId: asked.id, postId: answer.id });
  }
  await createThread(deps, actorOf(moussa), {
    courseId: course.id,
    category: 'question',
    title: 'Combien de mandats pour un président ?',
    body: 'Faut-il limiter le nombre de mandats du président dans les statuts, ou laisser l’assemblée décider ?',
    attachmentIds: [],
    clientKey: last.clientKey,
  });
  return { created: true };
}
