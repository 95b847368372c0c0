// How the server judges a video or audio lesson from heartbeats, without trusting the client's
// clock or the player's reported length (issue 11):
// - time: a heartbeat credits what it claims, at most the whole seconds elapsed since the server
//   last heard about this lesson from this learner (stored mark), so a burst of heartbeats earns
//   no more than the time that has really passed;
// - watched share: the smaller of the position reached and the time spent at up to 2× speed, both
//   against the duration the server knows. Seeking to the end without the time earns nothing.

/** Fastest playback the watched time allows for (players offer 0.5×–2×). */
export const MAX_PLAYBACK_RATE = 2;

export interface Credit {
  /** Whole seconds added to time spent. */
  credited: number;
  /** The new mark: `now`, or less when only part of the elapsed time was credited. */
  mark: Date;
}

/**
 * Seconds a heartbeat may credit. Without a mark (a row from before marks existed) nothing is
 * credited and the mark starts now. When the claim covers all the elapsed time, the mark moves by
 * the seconds credited only, so the fraction left over counts in the next heartbeat; when the
 * claim is smaller, the rest of the elapsed time was not spent on the lesson and is dropped.
 */
export function creditTime(claimed: number, lastMark: Date | null, now: Date): Credit {
  if (!lastMark || lastMark.getTime() > now.getTime()) return { credited: 0, mark: now };
  const available = Math.floor((now.getTime() - lastMark.getTime()) / 1000);
  if (claimed >= available) {
    return { credited: available, mark: new Date(lastMark.getTime() + available * 1000) };
  }
  return { credited: Math.max(0, Math.floor(claimed)), mark: now };
}

/**
 * Watched share, 0–100: the position reached and the time spent (at up to MAX_PLAYBACK_RATE), each
 * as a share of the real duration, whichever is smaller.
 */
export function watchedPercentage(positionSeconds: number, timeSpentSeconds: number, durationSeconds: number): number {
  if (!(durationSeconds > 0)) return 0;
  const byPosition = Math.min(1, Math.max(0, positionSeconds) / durationSeconds);
  const byTime = Math.min(1, (Math.max(0, timeSpentSeconds) * MAX_PLAYBACK_RATE) / durationSeconds);
  return Math.floor(Math.min(byPosition, byTime) * 100);
}
