import { describe, expect, it } from 'vitest';
import { creditTime, watchedPercentage } from './watch-rule';

const t0 = new Date('2026-05-04T08:00:00.000Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

describe('creditTime', () => {
  it('credits the claim when enough time has passed, and drops idle time beyond it', () => {
    expect(creditTime(30, t0, at(45_000))).toEqual({ credited: 30, mark: at(45_000) });
  });

  it('caps the claim at the whole seconds elapsed and carries the fraction to the next heartbeat', () => {
    const first = creditTime(120, t0, at(30_700));
    expect(first).toEqual({ credited: 30, mark: at(30_000) });
    // 29.6 s later by the clock, 30.3 s since the carried mark: 30 credited.
    expect(creditTime(30, first.mark, at(60_300)).credited).toBe(30);
  });

  it('credits nothing without a mark, or at the same instant, or with a mark in the future', () => {
    expect(creditTime(120, null, t0)).toEqual({ credited: 0, mark: t0 });
    expect(creditTime(120, t0, t0)).toEqual({ credited: 0, mark: t0 });
    expect(creditTime(120, at(5_000), t0)).toEqual({ credited: 0, mark: t0 });
  });

  it('never credits more in total than the time elapsed, however the heartbeats are split', () => {
    let mark: Date = t0;
    let total = 0;
    for (let i = 1; i <= 1000; i++) {
      const c = creditTime(120, mark, at(i * 333)); // a heartbeat every 0.333 s, each claiming 120 s
      total += c.credited;
      mark = c.mark;
    }
    expect(total).toBe(333);
  });
});

describe('watchedPercentage', () => {
  it('is the smaller of position and time (at up to 2×) against the duration', () => {
    expect(watchedPercentage(540, 540, 600)).toBe(90);
    expect(watchedPercentage(540, 270, 600)).toBe(90); // 2× speed
    expect(watchedPercentage(599, 200, 600)).toBe(66); // seeking ahead: time holds it back
    expect(watchedPercentage(60, 600, 600)).toBe(10);
    expect(watchedPercentage(10_000, 10_000, 600)).toBe(100);
    expect(watchedPercentage(1, 1, 0)).toBe(0);
  });
});
