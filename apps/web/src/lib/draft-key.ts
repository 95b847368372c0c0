// One key per draft for calls that create something (a discussion thread or post): pressing
// "Publier" again after an answer lost on a bad connection sends the same key, and the server
// returns what the first call created instead of writing it twice. A new key after each success.
import { useCallback, useRef } from 'react';

/** 32 hex characters from the browser's CSPRNG (randomUUID needs a secure context; this does not). */
export function newDraftKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The current draft's key, and `renew` to call once the draft has been created. */
export function useDraftKey(): { key(): string; renew(): void } {
  const ref = useRef<string | null>(null);
  const key = useCallback(() => (ref.current ??= newDraftKey()), []);
  const renew = useCallback(() => void (ref.current = null), []);
  return { key, renew };
}
