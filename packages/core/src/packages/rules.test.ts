// The pure rules of package lessons: entry names, storage keys, SCORM durations and completion.
import { durationSeconds, scormCommitInput } from '@mdsc/validators';
import { describe, expect, it } from 'vitest';
import { attemptCompletes, type AttemptDto } from './runtime.service';
import { checkEntryName, PackageRejectedError } from './safe-zip';
import { packageContentType, packageFileKey } from './storage-keys';

const attempt = (a: Partial<AttemptDto>): AttemptDto => ({
  attempt: 1,
  suspendData: null,
  location: null,
  lessonStatus: null,
  completionStatus: null,
  successStatus: null,
  scoreRaw: null,
  scoreMax: null,
  totalTimeSeconds: 0,
  completedAt: null,
  ...a,
});

describe('entry names', () => {
  it.each([
    ['../a.html', 'path_traversal'],
    ['a/../../b.js', 'path_traversal'],
    ['/abs.html', 'absolute_path'],
    ['C:/win.html', 'absolute_path'],
    ['a\\b.html', 'invalid_path'],
    ['a/./b.html', 'invalid_path'],
    ['nul\u0000.html', 'invalid_path'],
  ])('refuses %j (%s)', (name, reason) => {
    expect(() => checkEntryName(name)).toThrow(PackageRejectedError);
    try {
      checkEntryName(name);
    } catch (e) {
      expect((e as PackageRejectedError).reason).toBe(reason);
    }
  });
  it('accepts ordinary nested names with spaces and accents', () => {
    expect(() => checkEntryName('story_content/Fichier été 1.mp3')).not.toThrow();
  });
});

describe('storage keys', () => {
  it('keeps safe segments and hex-encodes the others, reversibly and without collisions', () => {
    expect(packageFileKey('packages/abc', 'a/b.js')).toBe('packages/abc/a/b.js');
    expect(packageFileKey('packages/abc', 'dir one/é.png')).toBe(
      `packages/abc/x--${Buffer.from('dir one').toString('hex')}/x--${Buffer.from('é.png').toString('hex')}`,
    );
    expect(packageFileKey('p', 'x--41')).not.toBe(packageFileKey('p', 'A'));
    expect(packageContentType('a/INDEX.HTML')).toBe('text/html; charset=utf-8');
    expect(packageContentType('font.woff2')).toBe('font/woff2');
  });
});

describe('SCORM data', () => {
  it('reads both duration formats', () => {
    expect(durationSeconds('0001:02:03.50')).toBeCloseTo(3723.5);
    expect(durationSeconds('PT1H2M3.5S')).toBeCloseTo(3723.5);
    expect(durationSeconds('P1DT1S')).toBe(86401);
  });
  it('refuses CMI values SCORM does not allow', () => {
    const base = { lessonId: 1, attempt: 1 };
    expect(scormCommitInput.safeParse({ ...base, cmi: { lessonStatus: 'done' } }).success).toBe(false);
    expect(scormCommitInput.safeParse({ ...base, cmi: { scoreRaw: 'abc' } }).success).toBe(false);
    expect(scormCommitInput.safeParse({ ...base, cmi: { totalTime: '1 hour' } }).success).toBe(false);
    expect(scormCommitInput.parse({ ...base, cmi: { scoreRaw: '85.5', scoreMax: '' } }).cmi).toMatchObject({
      scoreRaw: 85.5,
      scoreMax: null,
    });
  });
  it('judges completion: 1.2 status against the mastery score, 2004 completion and success', () => {
    expect(attemptCompletes('scorm12', attempt({ lessonStatus: 'completed' }), null)).toBe(true);
    expect(attemptCompletes('scorm12', attempt({ lessonStatus: 'incomplete' }), null)).toBe(false);
    expect(
      attemptCompletes('scorm12', attempt({ lessonStatus: 'passed', scoreRaw: 70, scoreMax: 100 }), 80),
    ).toBe(false);
    expect(
      attemptCompletes('scorm12', attempt({ lessonStatus: 'failed', scoreRaw: 9, scoreMax: 10 }), 80),
    ).toBe(true);
    expect(
      attemptCompletes(
        'scorm2004',
        attempt({ completionStatus: 'completed', successStatus: 'unknown' }),
        null,
      ),
    ).toBe(true);
    expect(
      attemptCompletes(
        'scorm2004',
        attempt({ completionStatus: 'completed', successStatus: 'failed' }),
        null,
      ),
    ).toBe(false);
    expect(attemptCompletes('h5p', attempt({ completionStatus: 'incomplete' }), null)).toBe(false);
  });
});
