// The admin's platform view, and the list of courses an instructor (or admin) can analyse.
import type { Role } from '@mdsc/validators';
import { QueryTypes } from 'sequelize';
import type { Actor, CoreDeps } from '../deps';
import { ForbiddenError } from '../errors';

type Deps = Pick<CoreDeps, 'db' | 'clock'>;

export interface PlatformAnalytics {
  generatedAt: string;
  users: {
    total: number;
    byRole: { role: Role; count: number }[];
    /** Countries as users typed them (profile field); null = not given. Largest first. */
    byCountry: { country: string | null; count: number }[];
    newLast30d: number;
  };
  /** Distinct users with an access to one of their courses in the last 7 / 30 days. */
  activeLearners7d: number;
  activeLearners30d: number;
  courses: { total: number; published: number };
  enrolments: { total: number; completed: number };
  certificates: { issued: number; valid: number; issuedLast30d: number };
  topCourses: { id: number; title: string; enrolments: number }[];
}

export interface CourseOverview {
  id: number;
  title: string;
  slug: string;
  isPublished: boolean;
  instructorName: string;
  enrolments: number;
  completed: number;
  completionRate: number;
  averageProgress: number;
}

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

export async function getPlatformAnalytics(deps: Deps, actor: Actor): Promise<PlatformAnalytics> {
  if (actor.role !== 'admin') throw new ForbiddenError('Admins only');
  const q = <T extends object>(sql: string, replacements: Record<string, unknown> = {}) =>
    deps.db.sequelize.query<T>(sql, { replacements, type: QueryTypes.SELECT });
  const now = deps.clock.now().getTime();
  const d7 = new Date(now - 7 * 86_400_000);
  const d30 = new Date(now - 30 * 86_400_000);
  const [roleCountry, newUsers, active, courses, enrolments, certificates, top] = await Promise.all([
    // idx_role_country (role, country, deleted_at): covering.
    q<{ role: Role; country: string | null; n: number }>(
      'SELECT role, country, COUNT(*) AS n FROM users WHERE deleted_at IS NULL GROUP BY role, country',
    ),
    q<{ n: number }>('SELECT COUNT(*) AS n FROM users WHERE deleted_at IS NULL AND created_at >= :d30', {
      d30,
    }),
    // idx_accessed_user (last_accessed_at, user_id): covering range.
    q<{ a7: number; a30: number }>(
      `SELECT COUNT(DISTINCT CASE WHEN last_accessed_at >= :d7 THEN user_id END) AS a7, COUNT(DISTINCT user_id) AS a30
         FROM enrollments WHERE last_accessed_at >= :d30`,
      { d7, d30 },
    ),
    q<{ n: number; published: number }>(
      'SELECT COUNT(*) AS n, SUM(CASE WHEN is_published THEN 1 ELSE 0 END) AS published FROM courses WHERE deleted_at IS NULL',
    ),
    q<{ n: number; completed: number }>(
      "SELECT COUNT(*) AS n, SUM(CASE WHEN status IN ('completed', 'certified') THEN 1 ELSE 0 END) AS completed FROM enrollments",
    ),
    q<{ n: number; valid: number; recent: number }>(
      `SELECT COUNT(*) AS n, SUM(CASE WHEN is_valid THEN 1 ELSE 0 END) AS valid,
              SUM(CASE WHEN issued_at >= :d30 THEN 1 ELSE 0 END) AS recent
         FROM certificates`,
      { d30 },
    ),
    q<{ id: number; title: string; n: number }>(
      `SELECT id, title, enrollment_count AS n FROM courses
        WHERE deleted_at IS NULL AND is_published = TRUE ORDER BY enrollment_count DESC, id LIMIT 5`,
    ),
  ]);
  const byRole = new Map<Role, number>();
  const byCountry = new Map<string | null, number>();
  for (const r of roleCountry) {
    byRole.set(r.role, (byRole.get(r.role) ?? 0) + num(r.n));
    const c = r.country?.trim() || null;
    byCountry.set(c, (byCountry.get(c) ?? 0) + num(r.n));
  }
  return {
    generatedAt: new Date(now).toISOString(),
    users: {
      total: [...byRole.values()].reduce((a, b) => a + b, 0),
      byRole: (['student', 'instructor', 'admin'] as Role[]).map((role) => ({
        role,
        count: byRole.get(role) ?? 0,
      })),
      byCountry: [...byCountry.entries()]
        .map(([country, count]) => ({ country, count }))
        .sort((a, b) => b.count - a.count || String(a.country).localeCompare(String(b.country))),
      newLast30d: num(newUsers[0]?.n),
    },
    activeLearners7d: num(active[0]?.a7),
    activeLearners30d: num(active[0]?.a30),
    courses: { total: num(courses[0]?.n), published: num(courses[0]?.published) },
    enrolments: { total: num(enrolments[0]?.n), completed: num(enrolments[0]?.completed) },
    certificates: {
      issued: num(certificates[0]?.n),
      valid: num(certificates[0]?.valid),
      issuedLast30d: num(certificates[0]?.recent),
    },
    topCourses: top.map((t) => ({ id: Number(t.id), title: t.title, enrolments: num(t.n) })),
  };
}

/** The courses the actor can analyse (own ones; all for an admin) with their headline numbers. */
export async function listAnalyticsCourses(deps: Deps, actor: Actor): Promise<CourseOverview[]> {
  if (actor.role !== 'admin' && actor.role !== 'instructor') throw new ForbiddenError('Instructors only');
  const rows = await deps.db.sequelize.query<{
    id: number;
    title: string;
    slug: string;
    isPublished: number | boolean;
    firstName: string;
    lastName: string;
    n: number;
    completed: number;
    avgProgress: number | null;
  }>(
    `SELECT c.id, c.title, c.slug, c.is_published AS isPublished, u.first_name AS firstName, u.last_name AS lastName,
            COUNT(e.id) AS n,
            SUM(CASE WHEN e.status IN ('completed', 'certified') THEN 1 ELSE 0 END) AS completed,
            AVG(e.progress_percentage) AS avgProgress
       FROM courses c
       JOIN users u ON u.id = c.instructor_id
       LEFT JOIN enrollments e ON e.course_id = c.id
      WHERE c.deleted_at IS NULL ${actor.role === 'admin' ? '' : 'AND c.instructor_id = :me'}
      GROUP BY c.id, c.title, c.slug, c.is_published, u.first_name, u.last_name
      ORDER BY c.title, c.id
      LIMIT 500`,
    { replacements: { me: actor.id }, type: QueryTypes.SELECT },
  );
  return rows.map((r) => {
    const n = num(r.n);
    const completed = num(r.completed);
    return {
      id: Number(r.id),
      title: r.title,
      slug: r.slug,
      isPublished: !!Number(r.isPublished),
      instructorName: `${r.firstName} ${r.lastName}`.trim(),
      enrolments: n,
      completed,
      completionRate: n > 0 ? Math.round((completed / n) * 10_000) / 10_000 : 0,
      averageProgress: Math.round(num(r.avgProgress) * 100) / 100,
    };
  });
}
