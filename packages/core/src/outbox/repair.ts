// The repair sweep: finds facts whose effect is missing and runs the effect again. The outbox makes
// "the effect was never queued" impossible, but a queued job can still fail for good (retries spent,
// stalled more than maxStalledCount) or vanish (Redis restarted without persistence). Every re-run
// gets a FRESH job id (`<usual id>-r<sweep time>`), so a failed job's fixed id never blocks it, and
// every processor is idempotent, so re-running an effect that was merely slow costs a no-op.
import { OutboxMessage } from '@mdsc/db';
import type { LearningEventType } from '@mdsc/jobs';
import { Op, QueryTypes, type Transaction } from 'sequelize';
import type { CoreDeps } from '../deps';
import { badgePdfKey } from '../gamification/badge-pdf';
import { badgePdfJobs, renderBadgeJobId } from '../gamification/badge-award';
import {
  eventJob,
  eventJobId,
  renderCertificateJob,
  renderJobId,
  type LearningEvent,
} from '../learning/effects';
import { outboxJobId, relayOutbox } from './relay';
import { outboxJobs, type OutboxJobInput } from './writer';
import { transact } from '../transaction';

export interface RepairOptions {
  /** Only facts older than this (default 10 min): younger ones may still have their job in flight. */
  olderThanMs?: number;
  /** How far back to look (default 7 days). */
  windowMs?: number;
  /** At most this many repairs per kind and run (default 500); the next run takes the rest. */
  limit?: number;
}

export interface RepairReport {
  ranAt: string;
  /** Certificates without a PDF: render jobs enqueued again. */
  certificates: number;
  /** Learning facts without their xp_ledger row: record-event jobs enqueued again. */
  ledgerEvents: number;
  /** Users whose XP or streak changed after their last badge evaluation. */
  badgeEvaluations: number;
  /** Granted badges whose PDF is missing from storage. */
  badgePdfs: number;
  /** Outbox mails relayed but never delivered (job failed or lost): sent again. */
  mails: number;
  /** Uploads never processed (image not re-encoded, audio/video never probed). */
  media: number;
  /** Outbox rows still unsent, relayed by this run. */
  relayed: number;
}

export const DEFAULT_REPAIR = { olderThanMs: 10 * 60_000, windowMs: 7 * 24 * 3600_000, limit: 500 } as const;

type Deps = CoreDeps;

const fresh = (id: string, suffix: string) => `${id}-${suffix}`;

async function select<T extends object>(
  deps: Deps,
  sql: string,
  replacements: Record<string, unknown>,
): Promise<T[]> {
  return deps.db.sequelize.query<T>(sql, { replacements, type: QueryTypes.SELECT });
}

interface FactRow {
  user_id: number;
  source_id: number;
  course_id: number;
  category_id: number | null;
  at: string | Date;
}

/** Ledger-worthy facts of the window that have no ledger row, per event type. */
async function factsWithoutLedger(deps: Deps, p: Record<string, unknown>): Promise<LearningEvent[]> {
  const missing = (reason: string, sourceType: string, sourceExpr: string, userExpr: string) =>
    `NOT EXISTS (SELECT 1 FROM xp_ledger x WHERE x.user_id = ${userExpr} AND x.reason = '${reason}'
       AND x.source_type = '${sourceType}' AND x.source_id = CAST(${sourceExpr} AS CHAR))`;
  const queries: [LearningEventType, string][] = [
    [
      'lesson_completed',
      `SELECT e.user_id, p.lesson_id AS source_id, e.course_id, c.category_id, p.completed_at AS at
         FROM progress p
         JOIN enrollments e ON e.id = p.enrollment_id
         JOIN courses c ON c.id = e.course_id
         JOIN users u ON u.id = e.user_id AND u.deleted_at IS NULL
        WHERE p.status = 'completed' AND p.completed_at >= :since AND p.completed_at <= :cutoff
          AND ${missing('lesson_completed', 'lesson', 'p.lesson_id', 'e.user_id')}
        LIMIT :limit`,
    ],
    [
      // One event per user and quiz (XP is per quiz): the first passing attempt.
      'quiz_passed',
      `SELECT a.user_id, MIN(a.id) AS source_id, q.course_id, c.category_id, MIN(a.completed_at) AS at
         FROM quiz_attempts a
         JOIN quizzes q ON q.id = a.quiz_id
         JOIN courses c ON c.id = q.course_id
         JOIN users u ON u.id = a.user_id AND u.deleted_at IS NULL
        WHERE a.status = 'graded' AND a.is_passed = :t AND a.completed_at >= :since AND a.completed_at <= :cutoff
          AND ${missing('quiz_passed', 'quiz', 'a.quiz_id', 'a.user_id')}
        GROUP BY a.user_id, a.quiz_id, q.course_id, c.category_id
        LIMIT :limit`,
    ],
    [
      // A module is completed when every required published lesson of it is (as computeAccess says).
      'module_completed',
      `SELECT e.user_id, m.id AS source_id, e.course_id, c.category_id, MAX(p.completed_at) AS at
         FROM enrollments e
         JOIN users u ON u.id = e.user_id AND u.deleted_at IS NULL
         JOIN courses c ON c.id = e.course_id
         JOIN modules m ON m.course_id = e.course_id AND m.deleted_at IS NULL
         JOIN lessons l ON l.module_id = m.id AND l.is_required = :t AND l.is_published = :t AND l.deleted_at IS NULL
         LEFT JOIN progress p ON p.enrollment_id = e.id AND p.lesson_id = l.id AND p.status = 'completed'
        WHERE e.last_accessed_at >= :since
          AND ${missing('module_completed', 'module', 'm.id', 'e.user_id')}
        GROUP BY e.user_id, m.id, e.course_id, c.category_id
       HAVING COUNT(l.id) = COUNT(p.id) AND MAX(p.completed_at) <= :cutoff
        LIMIT :limit`,
    ],
    [
      'course_completed',
      `SELECT e.user_id, e.course_id AS source_id, e.course_id, c.category_id, e.completed_at AS at
         FROM enrollments e
         JOIN courses c ON c.id = e.course_id
         JOIN users u ON u.id = e.user_id AND u.deleted_at IS NULL
        WHERE e.status IN ('completed', 'certified') AND e.completed_at >= :since AND e.completed_at <= :cutoff
          AND ${missing('course_completed', 'course', 'e.course_id', 'e.user_id')}
        LIMIT :limit`,
    ],
    [
      'certificate_earned',
      `SELECT ce.user_id, ce.id AS source_id, ce.course_id, c.category_id, ce.issued_at AS at
         FROM certificates ce
         JOIN courses c ON c.id = ce.course_id
         JOIN users u ON u.id = ce.user_id AND u.deleted_at IS NULL
        WHERE ce.issued_at >= :since AND ce.issued_at <= :cutoff
          AND ${missing('certificate_earned', 'course', 'ce.course_id', 'ce.user_id')}
        LIMIT :limit`,
    ],
  ];
  const events: LearningEvent[] = [];
  for (const [type, sql] of queries) {
    for (const r of await select<FactRow>(deps, sql, p)) {
      events.push({
        type,
        userId: Number(r.user_id),
        sourceId: Number(r.source_id),
        courseId: Number(r.course_id),
        categoryId: r.category_id === null ? null : Number(r.category_id),
        occurredAt: new Date(r.at),
      });
    }
  }
  return events;
}

/**
 * One sweep. Every repair is an outbox row (written in one transaction, relayed right after it), so
 * a sweep interrupted half-way has either queued a repair durably or not at all.
 */
export async function runRepairSweep(deps: Deps, opts: RepairOptions = {}): Promise<RepairReport> {
  const now = deps.clock.now();
  const { olderThanMs, windowMs, limit } = { ...DEFAULT_REPAIR, ...opts };
  const suffix = `r${now.getTime()}`;
  const cutoff = new Date(now.getTime() - olderThanMs);
  const since = new Date(now.getTime() - windowMs);
  const p = { cutoff, since, limit, t: true };

  const certs = await select<{ id: number }>(
    deps,
    `SELECT id FROM certificates
      WHERE pdf_url IS NULL AND is_valid = :t AND issued_at >= :since AND issued_at <= :cutoff
      ORDER BY id LIMIT :limit`,
    p,
  );
  const events = await factsWithoutLedger(deps, p);
  const users = await select<{ user_id: number }>(
    deps,
    `SELECT x.user_id FROM user_xp x
       LEFT JOIN user_streaks s ON s.user_id = x.user_id
      WHERE (x.badges_evaluated_at IS NULL OR x.updated_at > x.badges_evaluated_at
             OR s.updated_at > x.badges_evaluated_at)
        AND x.updated_at <= :cutoff AND (s.updated_at IS NULL OR s.updated_at <= :cutoff)
      ORDER BY x.user_id LIMIT :limit`,
    p,
  );
  const badges = await select<{ id: number }>(
    deps,
    `SELECT id FROM user_badges WHERE earned_at >= :since AND earned_at <= :cutoff ORDER BY id DESC LIMIT :limit`,
    p,
  );
  const withoutPdf: number[] = [];
  for (const b of badges)
    if (!(await deps.storage.stat(badgePdfKey(Number(b.id))))) withoutPdf.push(Number(b.id));

  // Uploads whose processing job never finished: the processors set these markers when done.
  const media = await select<{ id: number; file_category: string }>(
    deps,
    `SELECT id, file_category FROM media_files
      WHERE uploaded_at >= :since AND uploaded_at <= :cutoff
        AND ((file_category = 'image' AND JSON_EXTRACT(metadata, '$.processed') IS NULL)
          OR (file_category IN ('audio', 'video') AND JSON_EXTRACT(metadata, '$.probed') IS NULL))
      ORDER BY id LIMIT :limit`,
    p,
  );

  // Videos without their low-data rendition, where ffmpeg is installed (without it the job does
  // nothing); a video ffmpeg could not read is not tried again.
  const videos = deps.config.ffmpegPath
    ? await select<{ id: number }>(
        deps,
        `SELECT m.id FROM media_files m
          WHERE m.file_category = 'video' AND m.status <> 'failed'
            AND m.uploaded_at >= :since AND m.uploaded_at <= :cutoff
            AND JSON_EXTRACT(m.metadata, '$.renditionError') IS NULL
            AND NOT EXISTS (SELECT 1 FROM media_renditions r WHERE r.media_file_id = m.id AND r.kind = 'video_low')
          ORDER BY m.id LIMIT :limit`,
        p,
      )
    : [];

  const jobs: OutboxJobInput[] = [
    ...certs.map((c) => renderCertificateJob(Number(c.id), fresh(renderJobId(Number(c.id)), suffix))),
    ...events.map((e) => eventJob(e, fresh(eventJobId(e), suffix))),
    ...users.map((u): OutboxJobInput => ({
      queue: 'gamification',
      name: 'evaluate-badges',
      payload: { userId: Number(u.user_id), reason: 'repair' },
      jobId: fresh(`evaluate-badges-${u.user_id}`, suffix),
    })),
    ...badgePdfJobs(withoutPdf, (id) => fresh(renderBadgeJobId(id), suffix)),
    ...media.map((m): OutboxJobInput => {
      const mediaFileId = Number(m.id);
      return m.file_category === 'image'
        ? { queue: 'media', name: 'process-image', payload: { mediaFileId }, jobId: fresh(`process-image-${mediaFileId}`, suffix) }
        : { queue: 'media', name: 'probe-media', payload: { mediaFileId }, jobId: fresh(`probe-media-${mediaFileId}`, suffix) };
    }),
    ...videos.map((v): OutboxJobInput => {
      const mediaFileId = Number(v.id);
      return { queue: 'media', name: 'make-renditions', payload: { mediaFileId }, jobId: fresh(`make-renditions-${mediaFileId}`, suffix) };
    }),
  ];

  const mails = await transact(deps, 'repair.sweep', async (tx: Transaction) => {
    await outboxJobs(deps, tx, jobs);
    return requeueUndeliveredMails(deps, tx, p, suffix);
  });
  // Mail rows were updated, not inserted: relay them explicitly (the new rows relay on commit).
  if (mails.length) await relayOutbox(deps, { ids: mails });
  let relayed = 0;
  for (;;) {
    const r = await relayOutbox(deps);
    relayed += r.sent;
    if (!r.more) break;
  }
  const report: RepairReport = {
    ranAt: now.toISOString(),
    certificates: certs.length,
    ledgerEvents: events.length,
    badgeEvaluations: users.length,
    badgePdfs: withoutPdf.length,
    mails: mails.length,
    media: media.length + videos.length,
    relayed,
  };
  deps.logger.info(report, 'repair sweep');
  return report;
}

/**
 * Outbox mails relayed but never delivered (their job failed for good or was lost with Redis):
 * marked unsent again under a fresh job id. The row's sent-mark keeps a slow first job from making
 * it two mails.
 */
async function requeueUndeliveredMails(
  deps: Deps,
  tx: Transaction,
  p: { cutoff: Date; since: Date; limit: number },
  suffix: string,
): Promise<number[]> {
  const rows = await OutboxMessage.findAll({
    attributes: ['id', 'jobId'],
    where: {
      kind: 'job',
      queue: 'mail',
      deliveredAt: null,
      sentAt: { [Op.ne]: null, [Op.lte]: p.cutoff },
      createdAt: { [Op.gte]: p.since },
      payload: { [Op.ne]: null },
      [Op.or]: [{ lastError: null }, { lastError: { [Op.notLike]: 'unrelayable:%' } }],
    },
    order: [['id', 'ASC']],
    limit: p.limit,
    transaction: tx,
  });
  for (const r of rows) {
    // The base id, without an earlier sweep's suffix: ids do not grow run after run.
    const base = (r.jobId ?? outboxJobId(r.id)).replace(/-r\d+$/, '');
    await OutboxMessage.update(
      { sentAt: null, jobId: fresh(base, suffix) },
      { where: { id: r.id }, transaction: tx },
    );
  }
  return rows.map((r) => Number(r.id));
}
