// Who may write to whom. Decided once here, used by send, reply and the recipient picker:
// - anyone may write to an admin, and admins to anyone;
// - a student and the instructor of a course the student is actively enrolled in may write to
//   each other (either way);
// - two students of the same course may NOT (no unsolicited student-to-student contact: the
//   platform serves minors and large public cohorts; course discussion belongs in the course);
// - the recipient of a direct message may always reply to it (the sender opened the conversation);
// - nobody writes to themselves, or to a deactivated or deleted account.
import { User } from '@mdsc/db';
import type { Role } from '@mdsc/validators';
import { QueryTypes, type Transaction } from 'sequelize';
import type { Actor, CoreDeps } from '../deps';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';

type Deps = Pick<CoreDeps, 'db'>;

export interface UserRefDto {
  id: number;
  name: string;
  role: Role;
}

export const fullName = (u: { firstName: string; lastName: string }) => `${u.firstName} ${u.lastName}`.trim();

/** One is the instructor of a live course in which the other holds an active enrolment. */
export async function shareACourse(
  deps: Deps,
  a: number,
  b: number,
  transaction?: Transaction,
): Promise<boolean> {
  // Two EXISTS, each answered from the student's own few enrolments (index on user_id).
  const taught = (student: string, instructor: string) =>
    `EXISTS (SELECT 1 FROM enrollments e JOIN courses c ON c.id = e.course_id
      WHERE e.user_id = ${student} AND e.is_active = TRUE AND c.instructor_id = ${instructor} AND c.deleted_at IS NULL)`;
  const rows = await deps.db.sequelize.query<{ ok: number }>(
    `SELECT CASE WHEN ${taught(':a', ':b')} OR ${taught(':b', ':a')} THEN 1 ELSE 0 END AS ok`,
    { replacements: { a, b }, type: QueryTypes.SELECT, transaction },
  );
  return Number(rows[0]?.ok) === 1;
}

/** The recipient, if `sender` may open a conversation with them; throws otherwise. */
export async function assertMayWrite(
  deps: Deps,
  sender: Actor,
  recipientId: number,
  opts: { field?: string; isReply?: boolean; transaction?: Transaction } = {},
): Promise<User> {
  const field = opts.field ?? 'recipientId';
  if (recipientId === sender.id) throw new ValidationError(field, 'You cannot write to yourself');
  const recipient = await User.findByPk(recipientId, {
    attributes: ['id', 'firstName', 'lastName', 'role', 'isActive'],
    transaction: opts.transaction,
  });
  if (!recipient || !recipient.isActive) throw new NotFoundError('Recipient', { field, id: recipientId });
  if (opts.isReply || sender.role === 'admin' || recipient.role === 'admin') return recipient;
  if (await shareACourse(deps, sender.id, recipientId, opts.transaction)) return recipient;
  throw new ForbiddenError('You can only write to people who share a course with you, or to an admin', {
    field,
  });
}

const escapeLike = (s: string) => s.replace(/[!%_]/g, (c) => `!${c}`);

/** The people `actor` may write to, for the compose form's picker (name search, admins first). */
export async function listAllowedRecipients(
  deps: Deps,
  actor: Actor,
  input: { query?: string; limit: number },
): Promise<UserRefDto[]> {
  const q = input.query ? `%${escapeLike(input.query)}%` : null;
  const search =
    q === null
      ? ''
      : actor.role === 'admin'
        ? "AND (u.first_name LIKE :q ESCAPE '!' OR u.last_name LIKE :q ESCAPE '!' OR u.email LIKE :q ESCAPE '!')"
        : "AND (u.first_name LIKE :q ESCAPE '!' OR u.last_name LIKE :q ESCAPE '!')";
  const scope =
    actor.role === 'admin'
      ? ''
      : `AND (u.role = 'admin'
          OR u.id IN (SELECT c.instructor_id FROM enrollments e JOIN courses c ON c.id = e.course_id
                       WHERE e.user_id = :me AND e.is_active = TRUE AND c.deleted_at IS NULL)
          OR u.id IN (SELECT e.user_id FROM courses c JOIN enrollments e ON e.course_id = c.id
                       WHERE c.instructor_id = :me AND e.is_active = TRUE AND c.deleted_at IS NULL))`;
  const rows = await deps.db.sequelize.query<{ id: number; firstName: string; lastName: string; role: Role }>(
    `SELECT u.id, u.first_name AS firstName, u.last_name AS lastName, u.role
       FROM users u
      WHERE u.deleted_at IS NULL AND u.is_active = TRUE AND u.id <> :me ${scope} ${search}
      ORDER BY CASE WHEN u.role = 'admin' THEN 0 ELSE 1 END, u.first_name, u.last_name, u.id
      LIMIT :limit`,
    { replacements: { me: actor.id, q, limit: input.limit }, type: QueryTypes.SELECT },
  );
  return rows.map((r) => ({ id: Number(r.id), name: fullName(r), role: r.role }));
}
