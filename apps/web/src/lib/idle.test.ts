import { afterEach, describe, expect, it, vi } from 'vitest';
import { whenIdle } from './idle';

describe('whenIdle', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('asks for an idle callback with a deadline, and can be cancelled', () => {
    const calls: { fn: () => void; timeout?: number }[] = [];
    const cancelled: number[] = [];
    vi.stubGlobal('requestIdleCallback', (fn: () => void, o?: { timeout?: number }) => calls.push({ fn, timeout: o?.timeout }));
    vi.stubGlobal('cancelIdleCallback', (id: number) => cancelled.push(id));
    const fn = vi.fn();
    const idle = whenIdle(fn, 1500);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.timeout).toBe(1500);
    calls[0]!.fn();
    expect(fn).toHaveBeenCalledOnce();
    idle.cancel();
    expect(cancelled).toEqual([1]);
  });

  it('falls back to a timeout where requestIdleCallback is missing', () => {
    vi.stubGlobal('requestIdleCallback', undefined);
    vi.useFakeTimers();
    const fn = vi.fn();
    whenIdle(fn);
    expect(fn).not.toHaveBeenCalled();
    vi.runAllTimers();
    expect(fn).toHaveBeenCalledOnce();
    const later = vi.fn();
    whenIdle(later).cancel();
    vi.runAllTimers();
    expect(later).not.toHaveBeenCalled();
  });
});
