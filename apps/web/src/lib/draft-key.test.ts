// @vitest-environment happy-dom
import { clientKeySchema } from '@mdsc/validators';
import { renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { newDraftKey, useDraftKey } from './draft-key';

describe('draft keys', () => {
  it('draws keys the server accepts, different each time', () => {
    const keys = new Set(Array.from({ length: 100 }, newDraftKey));
    expect(keys.size).toBe(100);
    for (const k of keys) expect(clientKeySchema.safeParse(k).success).toBe(true);
  });

  it('keeps one key per draft until it is renewed', () => {
    const { result } = renderHook(() => useDraftKey());
    const first = result.current.key();
    expect(result.current.key()).toBe(first);
    result.current.renew();
    expect(result.current.key()).not.toBe(first);
  });
});
