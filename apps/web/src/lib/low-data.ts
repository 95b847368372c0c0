// Low-data mode (issue 17): smaller images, no video loaded before the learner asks for it, the
// worker's 360p rendition or the sound alone. Kept per device (localStorage), not per account: what
// it is about is the connection of the phone or computer in hand (mobile data on the phone, office
// Wi-Fi on the laptop), and it must work before logging in too (catalog images). Until the learner
// chooses, it follows what the browser says of the connection (Save-Data, slow effective type).
import { useCallback, useSyncExternalStore } from 'react';

const KEY = 'mdsc.lowData';
const CHANGED = 'mdsc:low-data';

/** The parts of `navigator.connection` (Network Information API; Chromium only) we read. */
export interface ConnectionHints {
  saveData?: boolean;
  effectiveType?: string;
}

const SLOW = new Set(['slow-2g', '2g', '3g']);

/** True when the browser asks to save data or reports a connection no faster than 3G. */
export function connectionWantsLowData(connection: ConnectionHints | undefined | null): boolean {
  if (!connection) return false;
  return connection.saveData === true || SLOW.has(connection.effectiveType ?? '');
}

function browserConnection(): ConnectionHints | undefined {
  return typeof navigator === 'undefined'
    ? undefined
    : (navigator as Navigator & { connection?: ConnectionHints }).connection;
}

function stored(): boolean | null {
  try {
    const v = localStorage.getItem(KEY);
    return v === '1' ? true : v === '0' ? false : null;
  } catch {
    return null; // storage disabled: follow the connection
  }
}

/** The learner's choice on this device, else the connection's hint. */
export function lowDataEnabled(): boolean {
  return stored() ?? connectionWantsLowData(browserConnection());
}

function subscribe(onChange: () => void): () => void {
  const onStorage = (e: StorageEvent) => e.key === KEY && onChange();
  window.addEventListener(CHANGED, onChange);
  window.addEventListener('storage', onStorage); // another tab changed it
  const connection = browserConnection() as (ConnectionHints & EventTarget) | undefined;
  connection?.addEventListener?.('change', onChange);
  return () => {
    window.removeEventListener(CHANGED, onChange);
    window.removeEventListener('storage', onStorage);
    connection?.removeEventListener?.('change', onChange);
  };
}

export interface LowDataSetting {
  enabled: boolean;
  /** true: the learner has chosen on this device; false: the connection decides. */
  chosen: boolean;
  /** What the connection alone would decide. */
  suggested: boolean;
  set(enabled: boolean): void;
  /** Forgets the choice: the connection decides again. */
  reset(): void;
}

export function useLowData(): LowDataSetting {
  const enabled = useSyncExternalStore(subscribe, lowDataEnabled, () => false);
  const chosen = useSyncExternalStore(subscribe, () => stored() !== null, () => false);
  const write = useCallback((value: '1' | '0' | null) => {
    try {
      if (value === null) localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, value);
    } catch {
      // storage disabled: nothing to keep; the page keeps following the connection
    }
    window.dispatchEvent(new Event(CHANGED));
  }, []);
  const set = useCallback((value: boolean) => write(value ? '1' : '0'), [write]);
  const reset = useCallback(() => write(null), [write]);
  return { enabled, chosen, suggested: connectionWantsLowData(browserConnection()), set, reset };
}

const MEDIA_URL = /^\/api\/media\/(\d+)$/;

/** The course card image's `sizes` (its preload, lib/first-screen, must ask for the same). */
export const CARD_IMAGE_SIZES = '(max-width: 40rem) 100vw, 320px';

/**
 * Image attributes for an uploaded image (`/api/media/:id`, re-encoded by the worker with a
 * thumbnail at most 480 px wide): in low-data mode the thumbnail only; otherwise the thumbnail and
 * the full image in a srcset so the browser takes the small one where it is enough. Other URLs
 * are left alone.
 */
export function imageSources(
  url: string,
  lowData: boolean,
  opts: { sizes?: string; fullWidth?: number } = {},
): { src: string; srcSet?: string; sizes?: string } {
  if (!MEDIA_URL.test(url)) return { src: url };
  const thumb = `${url}/thumbnail`;
  if (lowData) return { src: thumb };
  return {
    src: url,
    srcSet: `${thumb} 480w, ${url} ${opts.fullWidth ?? 1280}w`,
    sizes: opts.sizes ?? '100vw',
  };
}

/** Lesson HTML with its uploaded images swapped for their thumbnails (low-data mode). */
export function lowDataHtml(html: string): string {
  return html.replace(/(<img\b[^>]*?\ssrc=")(\/api\/media\/\d+)(")/g, '$1$2/thumbnail$3');
}
