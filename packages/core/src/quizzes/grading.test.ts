import { describe, expect, it } from 'vitest';
import { acceptedAnswers, assertAnswerShape, gradeAttempt, gradeQuestion, normalizeText, type GradableQuestion } from './grading';

const mc = (correct: boolean[], points = 1): GradableQuestion => ({
  id: 1,
  questionType: 'multiple_choice',
  options: correct.map((c, i) => ({ text: `option ${i}`, correct: c })),
  correctAnswer: null,
  points,
});
const tf: GradableQuestion = { id: 2, questionType: 'true_false', options: null, correctAnswer: 'false', points: 1 };
const short: GradableQuestion = { id: 3, questionType: 'short_answer', options: null, correctAnswer: 'les statuts\nstatuts', points: 2 };

describe('grading', () => {
  it('normalises case, accents and spaces for short answers', () => {
    expect(normalizeText('  Les   STATÛTS ')).toBe('les statuts');
    expect(normalizeText('Été')).toBe('ete');
    expect(acceptedAnswers(' les statuts \n\nstatuts')).toEqual(['les statuts', 'statuts']);
    expect(gradeQuestion(short, 'Statuts').correct).toBe(true);
    expect(gradeQuestion(short, 'LES STATUTS ').pointsAwarded).toBe(2);
    expect(gradeQuestion(short, 'le statut').correct).toBe(false);
    expect(gradeQuestion(short, '   ').correct).toBe(false);
  });

  it('scores a multi-answer question only when the chosen set equals the correct set', () => {
    const q = mc([true, false, true]);
    expect(gradeQuestion(q, [0, 2]).correct).toBe(true);
    expect(gradeQuestion(q, [2, 0]).correct).toBe(true);
    expect(gradeQuestion(q, [0]).correct).toBe(false); // missing one
    expect(gradeQuestion(q, [0, 1, 2]).correct).toBe(false); // one extra
    expect(gradeQuestion(q, []).correct).toBe(false);
    expect(gradeQuestion(q, undefined)).toEqual({ questionId: 1, correct: false, pointsAwarded: 0, points: 1 });
  });

  it('grades true/false and sums points into a percentage against the passing score', () => {
    expect(gradeQuestion(tf, false).correct).toBe(true);
    expect(gradeQuestion(tf, true).correct).toBe(false);
    const g = gradeAttempt([mc([true, false], 1), tf, short], new Map<number, boolean | string | number[]>([[1, [0]], [2, true], [3, 'statuts']]), 75);
    expect(g).toMatchObject({ score: 3, totalPoints: 4, percentage: 75, passed: true });
    expect(gradeAttempt([tf], new Map(), 0).passed).toBe(true);
    expect(gradeAttempt([], new Map(), 0).passed).toBe(false); // nothing to pass
  });

  it('refuses answers of the wrong shape', () => {
    expect(() => assertAnswerShape(mc([true, false]), [2])).toThrow(/between 0 and 1/);
    expect(() => assertAnswerShape(mc([true, false]), true)).toThrow();
    expect(() => assertAnswerShape(tf, 'false')).toThrow(/true or false/);
    expect(() => assertAnswerShape(short, [1])).toThrow(/text/);
    expect(() => assertAnswerShape(short, 'ok')).not.toThrow();
  });
});
