import { NOTIFICATION_TYPES, type NotificationDto, type NotificationType } from '@mdsc/validators';
import { toIso } from '../catalog/access';

const KNOWN = new Set<string>(NOTIFICATION_TYPES);

/** The stored payload: `{ type, data }` as JSON (the column is TEXT, as in the schema document). */
export function encodePayload(type: NotificationType, data: object): string {
  return JSON.stringify({ type, data });
}

/**
 * A stored row as the API returns it, or null when its payload is not one of ours (the column
 * also allows plain text): such rows are skipped rather than breaking the list.
 */
export function notificationDto(row: {
  id: number;
  payload: string;
  isRead: boolean | number | null;
  createdAt: Date | string;
}): NotificationDto | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(row.payload);
  } catch {
    return null;
  }
  const p = parsed as { type?: unknown; data?: unknown };
  if (typeof p?.type !== 'string' || !KNOWN.has(p.type) || typeof p.data !== 'object' || p.data === null)
    return null;
  return {
    id: row.id,
    type: p.type,
    data: p.data,
    isRead: !!row.isRead,
    createdAt: toIso(row.createdAt) ?? new Date(0).toISOString(),
  } as NotificationDto;
}
