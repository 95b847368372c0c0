// Shapes returned by the discussion services: chosen fields only (no e-mails, no raw flags).
import type { DiscussionAttachment, User } from '@mdsc/db';
import type { DiscussionAttachmentDto, DiscussionAuthorDto } from '@mdsc/validators';
import { toIso } from '../catalog/access';
import { ValidationError } from '../errors';

export const AUTHOR_ATTRIBUTES = ['id', 'firstName', 'lastName', 'role', 'avatarUrl'];

type AuthorLike = Pick<User, 'id' | 'firstName' | 'lastName' | 'role' | 'avatarUrl'>;

export function authorDto(u: AuthorLike | null | undefined): DiscussionAuthorDto {
  if (!u) return { id: 0, name: '—', role: 'student', avatarUrl: null };
  return {
    id: u.id,
    name: `${u.firstName} ${u.lastName}`.trim(),
    role: (u.role ?? 'student') as DiscussionAuthorDto['role'],
    avatarUrl: u.avatarUrl ?? null,
  };
}

/** Raw-row author (columns aliased author_*). */
export function rawAuthorDto(r: Record<string, unknown>): DiscussionAuthorDto {
  return {
    id: Number(r.author_id),
    name: `${String(r.author_first_name ?? '')} ${String(r.author_last_name ?? '')}`.trim(),
    role: (r.author_role ?? 'student') as DiscussionAuthorDto['role'],
    avatarUrl: (r.author_avatar_url as string | null) ?? null,
  };
}

export function attachmentDto(a: DiscussionAttachment): DiscussionAttachmentDto | null {
  const m = a.mediaFile;
  if (!m) return null;
  return { id: m.id, name: m.originalFilename, category: m.fileCategory, url: `/api/media/${m.id}` };
}

export const iso = (v: Date | string | null | undefined): string => toIso(v) ?? new Date(0).toISOString();

export function parseIdCursor(cursor: string | null | undefined, field = 'cursor'): number | null {
  if (!cursor) return null;
  if (!/^\d{1,12}$/.test(cursor)) throw new ValidationError(field, 'Invalid cursor');
  return Number(cursor);
}
