// SCORM and H5P packages on MariaDB with real zips built here: conformant SCORM 1.2 / 2004 and
// H5P packages install and parse; malicious zips are refused with a clear error and leave nothing
// on disk; CMI commits are stored, resume data comes back, and completion (with its XP event) is
// judged by the server from the stored data, once.
import { readdir, rm, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  buildZip,
  DEFAULT_ZIP_LIMITS,
  extractZipSafely,
  h5pPackage,
  installPackage,
  PackageRejectedError,
  scorm12Package,
  scorm2004Package,
  type Actor,
  type ZipEntrySpec,
} from '@mdsc/core';
import { Lesson, LessonPackage, PackageAttempt, Progress } from '@mdsc/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLearningHarness, expectTrpcError, type LearningHarness } from '../testing/learning-harness';

let h: LearningHarness;
let teacher: Actor;
let work: string;

beforeAll(async () => {
  h = await createLearningHarness();
  teacher = await h.user('instructor');
  work = await mkdtemp(path.join(tmpdir(), 'mdsc-pkg-test-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
  await h?.close();
});

let n = 0;
async function zipFile(data: Buffer | Promise<Buffer>): Promise<string> {
  const file = path.join(work, `p${++n}.zip`);
  await writeFile(file, await data);
  return file;
}

/** mdsc-pkg-* folders in the temp dir (extraction leftovers). */
const leftovers = async () =>
  (await readdir(tmpdir())).filter((f) => f.startsWith('mdsc-pkg-') && !work.endsWith(f));
/** Every file under the storage root. */
async function storedFiles(): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string) => {
    for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      if (e.isDirectory()) await walk(path.join(dir, e.name));
      else out.push(path.join(dir, e.name));
    }
  };
  await walk(path.join(h.storageRoot, 'packages'));
  return out;
}

async function lessonOf(type: 'scorm' | 'h5p', modules = 1) {
  const course = await h.course(teacher, {
    modules: Array.from({ length: modules }, (_, i) => ({
      lessons: i === 0 ? [{ contentType: type }, {}] : [{}],
    })),
  });
  return { course, lessonId: course.lessonIds[0] };
}

describe('safe extraction refuses malicious zips and leaves nothing on disk', () => {
  const cases: [string, ZipEntrySpec[], string, RegExp][] = [
    [
      'path traversal',
      [
        { name: 'index.html', data: 'ok' },
        { name: '../evil.js', data: 'x' },
      ],
      'path_traversal',
      /Path traversal.*\.\.\/evil\.js/,
    ],
    ['nested traversal', [{ name: 'a/../../evil.html', data: 'x' }], 'path_traversal', /Path traversal/],
    [
      'absolute path',
      [{ name: '/etc/cron.d/evil.txt', data: 'x' }],
      'absolute_path',
      /Absolute path.*\/etc\/cron\.d/,
    ],
    [
      'symlink',
      [
        { name: 'index.html', data: 'ok' },
        { name: 'link.html', data: '/etc/passwd', mode: 0o120777 },
      ],
      'symlink',
      /Symbolic link.*link\.html/,
    ],
    [
      'disallowed type',
      [
        { name: 'index.html', data: 'ok' },
        { name: 'tool.exe', data: 'MZ' },
      ],
      'file_type',
      /not allowed.*tool\.exe/,
    ],
    ['php script', [{ name: 'shell.php', data: '<?php ?>' }], 'file_type', /\.php/],
  ];
  for (const [label, entries, reason, message] of cases) {
    it(`refuses ${label}`, async () => {
      const file = await zipFile(buildZip(entries));
      const before = await leftovers();
      const err = await extractZipSafely(file).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PackageRejectedError);
      expect((err as PackageRejectedError).reason).toBe(reason);
      expect((err as Error).message).toMatch(message);
      expect(await leftovers()).toEqual(before);
    });
  }

  it('refuses a zip bomb (a 40 MB entry compressed a thousand times)', async () => {
    const file = await zipFile(buildZip([{ name: 'bomb.txt', data: Buffer.alloc(40 * 1024 * 1024) }]));
    const err = (await extractZipSafely(file).catch((e: unknown) => e)) as PackageRejectedError;
    expect(err.reason).toBe('zip_bomb');
    expect(err.message).toMatch(/bomb\.txt.*expands more than 200 times/);
  });

  it('refuses a package above the total size cap', async () => {
    const random = Buffer.alloc(2 * 1024 * 1024, 'abcdefghij'.repeat(10));
    const file = await zipFile(
      buildZip([
        { name: 'a.txt', data: random, compress: false },
        { name: 'b.txt', data: random, compress: false },
      ]),
    );
    const err = (await extractZipSafely(file, {
      ...DEFAULT_ZIP_LIMITS,
      maxTotalBytes: 3 * 1024 * 1024,
    }).catch((e: unknown) => e)) as PackageRejectedError;
    expect(err.reason).toBe('too_large');
    expect(await leftovers()).toEqual([]);
  });

  it('refuses a 10,000-file zip before inflating anything', async () => {
    const entries = Array.from({ length: 10_000 }, (_, i) => ({
      name: `f/${i}.txt`,
      data: 'x',
      compress: false,
    }));
    const file = await zipFile(buildZip(entries));
    const err = (await extractZipSafely(file).catch((e: unknown) => e)) as PackageRejectedError;
    expect(err.reason).toBe('too_many_entries');
    expect(err.message).toMatch(/10000 entries; at most 5000/);
  });

  it('refuses what is not a zip', async () => {
    const file = path.join(work, 'not.zip');
    await writeFile(file, 'plain text');
    expect(((await extractZipSafely(file).catch((e: unknown) => e)) as PackageRejectedError).reason).toBe(
      'not_a_zip',
    );
  });

  it('refuses through the upload service too: no row, nothing stored', async () => {
    const { lessonId } = await lessonOf('scorm');
    const file = await zipFile(
      buildZip([
        { name: 'imsmanifest.xml', data: '<manifest/>' },
        { name: '../x.html', data: 'x' },
      ]),
    );
    const before = await storedFiles();
    const err = (await installPackage(h.deps, teacher, { lessonId, zipPath: file }).catch(
      (e: unknown) => e,
    )) as PackageRejectedError;
    expect(err.reason).toBe('path_traversal');
    expect(await LessonPackage.count({ where: { lessonId } })).toBe(0);
    expect(await storedFiles()).toEqual(before);
  });
});

describe('manifests', () => {
  it('installs a SCORM 1.2 package: version, organization, launch file, mastery score', async () => {
    const { lessonId } = await lessonOf('scorm');
    const { package: p, manifest } = await installPackage(h.deps, teacher, {
      lessonId,
      zipPath: await zipFile(scorm12Package()),
    });
    expect(p).toMatchObject({
      kind: 'scorm12',
      version: '1.2',
      masteryScore: 80,
      fileCount: 4,
      title: 'Gestion de projet associatif (SCORM 1.2)',
    });
    expect(p.launchUrl).toMatch(/^\/api\/packages\/[a-f0-9]{32}\/index\.html$/);
    expect(manifest.organizations[0].items).toEqual([
      { identifier: 'ITEM-1', title: 'Module interactif', href: 'index.html' },
    ]);
    expect(manifest.resources[0]).toMatchObject({ identifier: 'RES-1', scormType: 'sco' });
  });

  it('installs a SCORM 2004 package: xml:base, parameters, mastery from minNormalizedMeasure', async () => {
    const { lessonId } = await lessonOf('scorm');
    const { package: p } = await installPackage(h.deps, teacher, {
      lessonId,
      zipPath: await zipFile(scorm2004Package()),
    });
    expect(p).toMatchObject({ kind: 'scorm2004', version: '2004 4th Edition', masteryScore: 80 });
    expect(p.launchUrl).toMatch(/\/sco\/index\.html\?lang=fr$/);
  });

  it('installs an H5P package and checks its main library is inside', async () => {
    const { lessonId } = await lessonOf('h5p');
    const { package: p } = await installPackage(h.deps, teacher, {
      lessonId,
      zipPath: await zipFile(h5pPackage()),
    });
    expect(p).toMatchObject({ kind: 'h5p', version: 'H5P.MdscCheck 1.1', title: 'Vérifier ses acquis' });
    const noLibrary = await zipFile(
      buildZip([
        {
          name: 'h5p.json',
          data: JSON.stringify({
            mainLibrary: 'H5P.X',
            preloadedDependencies: [{ machineName: 'H5P.X', majorVersion: 1, minorVersion: 2 }],
          }),
        },
        { name: 'content/content.json', data: '{}' },
      ]),
    );
    const err = (await installPackage(h.deps, teacher, { lessonId, zipPath: noLibrary }).catch(
      (e: unknown) => e,
    )) as PackageRejectedError;
    expect(err.reason).toBe('h5p_library_missing');
    expect(err.message).toMatch(/H5P\.X-1\.2\/library\.json/);
  });

  it('refuses a package of the wrong kind, a missing launch file, and strangers', async () => {
    const { lessonId } = await lessonOf('h5p');
    const wrong = (await installPackage(h.deps, teacher, {
      lessonId,
      zipPath: await zipFile(scorm12Package()),
    }).catch((e: unknown) => e)) as PackageRejectedError;
    expect(err(wrong)).toBe('wrong_kind');
    const scorm = await lessonOf('scorm');
    const manifest = `<?xml version="1.0"?><manifest xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"><metadata><schemaversion>1.2</schemaversion></metadata><organizations default="O"><organization identifier="O"><title>T</title><item identifier="I" identifierref="R"><title>x</title></item></organization></organizations><resources><resource identifier="R" adlcp:scormtype="sco" href="missing.html"/></resources></manifest>`;
    const missing = (await installPackage(h.deps, teacher, {
      lessonId: scorm.lessonId,
      zipPath: await zipFile(buildZip([{ name: 'imsmanifest.xml', data: manifest }])),
    }).catch((e: unknown) => e)) as PackageRejectedError;
    expect(err(missing)).toBe('launch_missing');
    expect(missing.message).toMatch(/missing\.html/);
    const other = await h.user('instructor');
    await expect(
      installPackage(h.deps, other, { lessonId: scorm.lessonId, zipPath: await zipFile(scorm12Package()) }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('a new upload replaces the package and deletes the old files', async () => {
    const { lessonId } = await lessonOf('scorm');
    const first = await installPackage(h.deps, teacher, {
      lessonId,
      zipPath: await zipFile(scorm12Package()),
    });
    const folder1 = first.package.baseUrl.split('/')[3];
    const second = await installPackage(h.deps, teacher, {
      lessonId,
      zipPath: await zipFile(scorm12Package()),
    });
    expect(second.package.id).toBe(first.package.id);
    const stored = await storedFiles();
    expect(stored.some((f) => f.includes(folder1))).toBe(false);
    expect(stored.filter((f) => f.includes(second.package.baseUrl.split('/')[3]))).toHaveLength(4);
  });
});

const err = (e: unknown) => (e as PackageRejectedError).reason;

describe('SCORM runtime data and completion', () => {
  it('stores CMI, resumes from it, completes the lesson once when passed, XP event once', async () => {
    const { course, lessonId } = await lessonOf('scorm');
    await installPackage(h.deps, teacher, { lessonId, zipPath: await zipFile(scorm12Package()) });
    const student = await h.user();
    const as = h.caller(student);
    await as.enrollments.enroll({ courseId: course.id });

    let launch = await as.packages.launch({ lessonId });
    expect(launch).toMatchObject({
      mode: 'normal',
      attempt: { attempt: 1, suspendData: null },
      lessonCompleted: false,
    });
    expect(launch.learner.name).toMatch(/^Test\d+, student$/);

    const first = await as.packages.commit({
      lessonId,
      attempt: 1,
      cmi: {
        lessonStatus: 'incomplete',
        location: 'page2',
        suspendData: 'step=2',
        totalTime: '0000:01:30.00',
      },
    });
    expect(first).toMatchObject({ lessonCompleted: false, completedNow: false });
    launch = await as.packages.launch({ lessonId });
    expect(launch.attempt).toMatchObject({
      location: 'page2',
      suspendData: 'step=2',
      lessonStatus: 'incomplete',
      totalTimeSeconds: 90,
    });

    // Passed but below the mastery score (80): the server judges it failed, no completion.
    const low = await as.packages.commit({
      lessonId,
      attempt: 1,
      cmi: { lessonStatus: 'passed', scoreRaw: '60', scoreMax: '100' },
    });
    expect(low.lessonCompleted).toBe(false);

    const passed = await as.packages.commit({
      lessonId,
      attempt: 1,
      cmi: { lessonStatus: 'passed', scoreRaw: '85', scoreMax: '100' },
    });
    expect(passed).toMatchObject({
      lessonCompleted: true,
      completedNow: true,
      attempt: { scoreRaw: 85, lessonStatus: 'passed' },
    });
    const again = await as.packages.commit({
      lessonId,
      attempt: 1,
      cmi: { lessonStatus: 'passed', scoreRaw: '85', scoreMax: '100' },
    });
    expect(again).toMatchObject({ lessonCompleted: true, completedNow: false });
    const enrollmentProgress = await Progress.findOne({ where: { lessonId } });
    expect(enrollmentProgress?.status).toBe('completed');
    expect(
      h
        .events('lesson_completed')
        .filter((e) => e.payload.sourceId === lessonId && e.payload.userId === student.id),
    ).toHaveLength(1);
    expect(await PackageAttempt.count({ where: { userId: student.id, lessonId } })).toBe(1);

    // A new attempt starts empty; a commit for the old one is refused.
    const next = await as.packages.restart({ lessonId });
    expect(next).toMatchObject({ attempt: 2, suspendData: null });
    await expectTrpcError(
      as.packages.commit({ lessonId, attempt: 1, cmi: { location: 'x' } }),
      'CONFLICT',
      'stale_attempt',
    );
  });

  it('SCORM 2004: completed and passed completes; completed and failed does not', async () => {
    const { course, lessonId } = await lessonOf('scorm');
    await installPackage(h.deps, teacher, { lessonId, zipPath: await zipFile(scorm2004Package()) });
    const student = await h.user();
    const as = h.caller(student);
    await as.enrollments.enroll({ courseId: course.id });
    const failed = await as.packages.commit({
      lessonId,
      attempt: 1,
      cmi: { completionStatus: 'completed', successStatus: 'failed', totalTime: 'PT2M5S' },
    });
    expect(failed.lessonCompleted).toBe(false);
    expect(failed.attempt.totalTimeSeconds).toBe(125);
    const passed = await as.packages.commit({
      lessonId,
      attempt: 1,
      cmi: { completionStatus: 'completed', successStatus: 'passed' },
    });
    expect(passed.completedNow).toBe(true);
  });

  it('validates CMI with zod, refuses strangers, and records nothing for the instructor preview', async () => {
    const { course, lessonId } = await lessonOf('scorm');
    await installPackage(h.deps, teacher, { lessonId, zipPath: await zipFile(scorm12Package()) });
    const student = await h.user();
    await h.caller(student).enrollments.enroll({ courseId: course.id });
    await expectTrpcError(
      h.caller(student).packages.commit({ lessonId, attempt: 1, cmi: { lessonStatus: 'done' as never } }),
      'BAD_REQUEST',
    );
    await expectTrpcError(
      h.caller(student).packages.commit({ lessonId, attempt: 1, cmi: { suspendData: 'x'.repeat(64_001) } }),
      'BAD_REQUEST',
    );
    // Only the package's own data completes the lesson: "mark as done" is refused.
    await expectTrpcError(
      h.caller(student).progress.completeLesson({ lessonId }),
      'FORBIDDEN',
      'package_required',
    );
    const stranger = await h.user();
    await expectTrpcError(h.caller(stranger).packages.launch({ lessonId }), 'FORBIDDEN', 'not_enrolled');
    await expectTrpcError(
      h.caller(stranger).packages.commit({ lessonId, attempt: 1, cmi: { lessonStatus: 'passed' } }),
      'FORBIDDEN',
      'not_enrolled',
    );
    expect((await h.caller(teacher).packages.launch({ lessonId })).mode).toBe('preview');
    await expectTrpcError(
      h.caller(teacher).packages.commit({ lessonId, attempt: 1, cmi: { lessonStatus: 'passed' } }),
      'FORBIDDEN',
      'preview',
    );
  });

  it('H5P: an xAPI completed statement with success completes the lesson', async () => {
    const { course, lessonId } = await lessonOf('h5p');
    await installPackage(h.deps, teacher, { lessonId, zipPath: await zipFile(h5pPackage()) });
    const student = await h.user();
    const as = h.caller(student);
    await as.enrollments.enroll({ courseId: course.id });
    const answered = await as.packages.h5pStatement({
      lessonId,
      verb: 'answered',
      result: { completion: false, score: { raw: 0, max: 1 } },
    });
    expect(answered.lessonCompleted).toBe(false);
    const done = await as.packages.h5pStatement({
      lessonId,
      verb: 'completed',
      result: { completion: true, success: true, score: { raw: 1, max: 1 } },
    });
    expect(done).toMatchObject({
      completedNow: true,
      attempt: { completionStatus: 'completed', successStatus: 'passed', scoreRaw: 1 },
    });
  });
});

describe('HTTP: upload and file serving', () => {
  it('uploads through multipart and serves files to the enrolled learner only, with type and CSP', async () => {
    const { course, lessonId } = await lessonOf('scorm');
    const http = await h.http();
    const body = new FormData();
    body.append('file', new Blob([await scorm12Package()], { type: 'application/zip' }), 'module.zip');
    const token = await http.bearer(teacher);
    const up = await fetch(`${http.base}/api/lessons/${lessonId}/package`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body,
    });
    expect(up.status).toBe(201);
    const { package: p } = (await up.json()) as { package: { launchUrl: string; baseUrl: string } };

    const bad = new FormData();
    bad.append('file', new Blob([await buildZip([{ name: '../../x.html', data: 'x' }])]), 'evil.zip');
    const refused = await fetch(`${http.base}/api/lessons/${lessonId}/package`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: bad,
    });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { field: 'file', reason: 'path_traversal' } });

    const student = await h.user();
    await h.caller(student).enrollments.enroll({ courseId: course.id });
    const sTok = await http.bearer(student);
    const page = await fetch(`${http.base}${p.launchUrl}`, { headers: { authorization: `Bearer ${sTok}` } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toMatch(/frame-ancestors 'self'/);
    expect(await page.text()).toMatch(/Module SCORM 1\.2/);
    const js = await fetch(`${http.base}${p.baseUrl}sco12.js`, {
      headers: { authorization: `Bearer ${sTok}` },
    });
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(
      (await fetch(`${http.base}${p.baseUrl}nope.js`, { headers: { authorization: `Bearer ${sTok}` } }))
        .status,
    ).toBe(404);

    const stranger = await h.user();
    const denied = await fetch(`${http.base}${p.launchUrl}`, {
      headers: { authorization: `Bearer ${await http.bearer(stranger)}` },
    });
    expect(denied.status).toBe(403);
    expect((await fetch(`${http.base}${p.launchUrl}`)).status).toBe(401);
    // The lesson row is untouched by the refused upload.
    expect((await Lesson.findByPk(lessonId))?.contentType).toBe('scorm');
  });
});
