// The question form's values become the API's input, checked by the shared schema: only the fields
// of the chosen type are sent, and the form's own rules name the field they are about.
import { describe, expect, it } from 'vitest';
import { questionFormSchema } from './QuestionForm';

const base = {
  questionType: 'multiple_choice' as const,
  questionText: 'Qui convoque l’AG ?',
  points: 2,
  explanation: '',
  options: [
    { text: 'Le président', correct: true },
    { text: 'Le trésorier', correct: false },
  ],
  correctAnswer: 'true' as const,
  acceptedAnswers: [''],
};

const paths = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (r.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]);

describe('questionFormSchema', () => {
  it('sends a multiple choice with its options only, and an empty explanation as null', () => {
    expect(questionFormSchema.parse(base)).toEqual({
      questionType: 'multiple_choice',
      questionText: 'Qui convoque l’AG ?',
      points: 2,
      explanation: null,
      options: base.options,
    });
  });

  it('sends true/false as a boolean and trims short answers', () => {
    expect(questionFormSchema.parse({ ...base, questionType: 'true_false', correctAnswer: 'false' })).toMatchObject({
      questionType: 'true_false',
      correctAnswer: false,
    });
    const short = questionFormSchema.parse({
      ...base,
      questionType: 'short_answer',
      acceptedAnswers: [' statuts ', 'les statuts'],
      explanation: 'Les statuts.',
    });
    expect(short).toEqual({
      questionType: 'short_answer',
      questionText: 'Qui convoque l’AG ?',
      points: 2,
      explanation: 'Les statuts.',
      acceptedAnswers: ['statuts', 'les statuts'],
    });
  });

  it('names the field of each problem', () => {
    const none = questionFormSchema.safeParse({ ...base, options: base.options.map((o) => ({ ...o, correct: false })) });
    expect(paths(none)).toEqual([['options', 'quiz_option_correct']]);
    expect(paths(questionFormSchema.safeParse({ ...base, points: null }))).toEqual([['points', 'required']]);
    const empty = questionFormSchema.safeParse({ ...base, questionText: ' ', options: [{ text: '', correct: true }, base.options[1]] });
    expect(paths(empty).map(([p]) => p)).toEqual(['questionText', 'options.0.text']);
    const noAnswer = questionFormSchema.safeParse({ ...base, questionType: 'short_answer', acceptedAnswers: ['  '] });
    expect(paths(noAnswer).map(([p]) => p)).toEqual(['acceptedAnswers.0']);
    // The shared rules still apply: 0.25 to 100 points.
    expect(paths(questionFormSchema.safeParse({ ...base, points: 0 })).map(([p]) => p)).toEqual(['points']);
  });
});
