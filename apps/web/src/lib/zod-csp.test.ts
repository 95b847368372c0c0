import { describe, expect, it } from 'vitest';
import './zod-csp';

describe('zod without eval (CSP)', () => {
  it('is configured jitless before zod loads, so it never probes with new Function', async () => {
    const { globalConfig } = await import('zod/v4/core');
    expect(globalConfig.jitless).toBe(true);
    const { z } = await import('zod');
    const probe = globalThis.Function;
    let calls = 0;
    globalThis.Function = new Proxy(probe, { construct: (t, a) => (calls++, Reflect.construct(t, a)), apply: (t, th, a) => (calls++, Reflect.apply(t, th, a)) });
    try {
      expect(z.object({ title: z.string() }).parse({ title: 'Gouvernance' })).toEqual({ title: 'Gouvernance' });
    } finally {
      globalThis.Function = probe;
    }
    expect(calls).toBe(0);
  });
});
