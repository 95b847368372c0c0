import type { MessageKey } from '../../i18n/fr';

const REASONS: Record<string, MessageKey> = {
  lesson_locked: 'learn.error.lesson_locked',
  not_enrolled: 'learn.error.not_enrolled',
  quiz_required: 'learn.error.quiz_required',
  media_processing: 'learn.error.media_processing',
  quiz_locked: 'learn.error.quiz_locked',
  quiz_empty: 'learn.error.quiz_empty',
  no_attempts_left: 'learn.error.no_attempts_left',
  already_submitted: 'learn.error.already_submitted',
  not_verified: 'learn.error.not_verified',
  deadline_passed: 'learn.error.deadline_passed',
  prerequisite_missing: 'learn.error.prerequisite_missing',
  already_enrolled: 'learn.error.already_enrolled',
  not_ready: 'cert.preparing',
};

/** The message for a failed learning call: the server's machine-readable reason, else its code. */
export function learningErrorKey(err: unknown): MessageKey {
  const data = (err as { data?: { reason?: string | null; code?: string } } | null)?.data;
  if (data?.reason && REASONS[data.reason]) return REASONS[data.reason];
  if (data?.code === 'UNAUTHORIZED') return 'learn.error.login';
  if (data?.code === 'NOT_FOUND') return 'learn.error.not_found';
  return 'common.error';
}

export function isNotFound(err: unknown): boolean {
  return (err as { data?: { code?: string } } | null)?.data?.code === 'NOT_FOUND';
}
