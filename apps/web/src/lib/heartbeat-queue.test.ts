import { HEARTBEAT_MAX_SECONDS } from '@mdsc/validators';
import { describe, expect, it } from 'vitest';
import { mergeBeats, normalizeCall, refusalOf, type LearningCall } from './heartbeat-queue';

const beat = (lessonId: number, seconds: number, positionSeconds: number | null = null): LearningCall => ({
  kind: 'beat',
  input: { lessonId, seconds, positionSeconds },
});

describe('learning queue items', () => {
  it('reads heartbeats queued by the older heartbeat-only queue', () => {
    expect(normalizeCall({ lessonId: 3, seconds: 30 })).toEqual({
      kind: 'beat',
      input: { lessonId: 3, seconds: 30 },
    });
    const done: LearningCall = { kind: 'complete', lessonId: 3, title: 'Leçon' };
    expect(normalizeCall(done)).toBe(done);
  });

  it('folds heartbeats of one lesson, keeping the latest position, within the per-beat cap', () => {
    expect(mergeBeats(beat(1, 30, 10), beat(1, 30, 40))).toEqual(beat(1, 60, 40));
    expect(mergeBeats(beat(1, 30, 10), beat(1, 30, null))).toEqual(beat(1, 60, 10));
    expect(mergeBeats(beat(1, 100), beat(1, HEARTBEAT_MAX_SECONDS - 99))).toBeNull();
    expect(mergeBeats(beat(1, 30), beat(2, 30))).toBeNull();
    // A completion is never folded: the heartbeats before it reach the server first.
    expect(mergeBeats(beat(1, 30), { kind: 'complete', lessonId: 1, title: 'x' })).toBeNull();
    expect(mergeBeats({ kind: 'complete', lessonId: 1, title: 'x' }, beat(1, 30))).toBeNull();
  });

  it('keeps what the server said when it refuses a queued completion or quiz answer', () => {
    const err = Object.assign(new Error('This lesson is locked'), {
      data: { code: 'FORBIDDEN', reason: 'lesson_locked', httpStatus: 403 },
    });
    expect(
      refusalOf({ kind: 'complete', lessonId: 4, title: 'Cartographier les acteurs' }, err),
    ).toMatchObject({
      kind: 'complete',
      title: 'Cartographier les acteurs',
      reason: 'lesson_locked',
      message: 'This lesson is locked',
    });
    const expired = Object.assign(new Error('Conflict'), { data: { code: 'CONFLICT', httpStatus: 409 } });
    expect(
      refusalOf({ kind: 'quiz', quizId: 2, title: 'Quiz', input: { attemptId: 9, answers: [] } }, expired),
    ).toMatchObject({
      kind: 'quiz',
      reason: 'CONFLICT',
    });
    expect(refusalOf(beat(1, 30), err)).toBeNull();
  });
});
