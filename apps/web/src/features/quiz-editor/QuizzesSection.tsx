// The course builder's way into the quiz editor: each quiz lesson with its quiz (or a button that
// creates it), and the course's final quiz. Anchors #quiz-for-lesson-<id> and #final-quiz are
// where the publish panel's quiz problems link to.
import type { RouterOutputs } from '@mdsc/api';
import { Link, useLocation } from 'wouter';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { Badge, Button } from '../../ui/components';
import { useToast } from '../../ui/toast';
import { actionErrorText } from '../../ui/form';
import { QueryState } from '../../ui/QueryState';
import { QUIZ_EDITOR_ERRORS } from './errors';
import './quiz-editor.css';

type Editor = RouterOutputs['courses']['editor'];
type QuizRow = RouterOutputs['quizzes']['listForCourse'][number];

function QuizLink({ courseId, quiz }: { courseId: number; quiz: QuizRow }) {
  const { t } = useI18n();
  return (
    <>
      <Link
        href={`/instructor/courses/${courseId}/quizzes/${quiz.id}`}
        className="button-link"
        aria-label={t('quizEd.openNamed', { title: quiz.title })}
      >
        {t('quizEd.open')}
      </Link>{' '}
      <Badge tone={quiz.questionCount > 0 ? 'neutral' : 'warn'}>{t('quiz.questionCount', { count: quiz.questionCount })}</Badge>{' '}
      <Badge tone={quiz.isPublished ? 'ok' : 'warn'}>{quiz.isPublished ? t('authoring.published') : t('authoring.draft')}</Badge>
    </>
  );
}

export function QuizzesSection({ data }: { data: Editor }) {
  const { t } = useI18n();
  const toast = useToast();
  const [, navigate] = useLocation();
  const courseId = data.course.id;
  const quizzes = trpc.quizzes.listForCourse.useQuery({ courseId }, { retry: false });
  const create = trpc.quizzes.create.useMutation({
    onSuccess: (q) => navigate(`/instructor/courses/${courseId}/quizzes/${q.id}`),
    onError: (err) => toast.error(actionErrorText(t, err, QUIZ_EDITOR_ERRORS)),
  });
  const lessons = [...data.modules.flatMap((m) => m.lessons), ...data.courseLessons].filter((l) => l.contentType === 'quiz');

  return (
    <section aria-labelledby="quizzes-title" className="card stack">
      <h2 id="quizzes-title">{t('quizEd.section')}</h2>
      <p className="muted small">{t('quizEd.sectionHelp')}</p>
      <QueryState query={quizzes}>
        {(list) => {
          const final = list.find((q) => q.isFinal);
          return (
            <ul className="list quiz-links" data-testid="course-quizzes">
              {lessons.map((l) => {
                const quiz = list.find((q) => q.lessonId === l.id);
                return (
                  <li key={l.id} id={`quiz-for-lesson-${l.id}`} tabIndex={-1}>
                    <span className="quiz-link-name">{l.title}</span>{' '}
                    {quiz ? (
                      <QuizLink courseId={courseId} quiz={quiz} />
                    ) : (
                      <Button
                        variant="secondary"
                        busy={create.isPending}
                        aria-label={t('quizEd.createNamed', { title: l.title })}
                        onClick={() =>
                          create.mutate({
                            courseId,
                            lessonId: l.id,
                            title: l.title.trim().length >= 2 ? l.title : t('quizEd.quizOf', { title: l.title }),
                          })
                        }
                      >
                        {t('quizEd.create')}
                      </Button>
                    )}
                  </li>
                );
              })}
              <li id="final-quiz" tabIndex={-1}>
                <span className="quiz-link-name">{t('quizEd.final')}</span>{' '}
                {final ? (
                  <QuizLink courseId={courseId} quiz={final} />
                ) : (
                  <Button
                    variant="secondary"
                    busy={create.isPending}
                    onClick={() => create.mutate({ courseId, isFinal: true, title: t('quizEd.finalDefaultTitle') })}
                  >
                    {t('quizEd.createFinal')}
                  </Button>
                )}
              </li>
            </ul>
          );
        }}
      </QueryState>
      {lessons.length === 0 && <p className="muted small">{t('quizEd.noQuizLesson')}</p>}
    </section>
  );
}
