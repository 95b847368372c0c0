import { assertValidKey } from '@mdsc/storage';
import { describe, expect, it } from 'vitest';
import { certificateStorageKey } from './issue';

describe('certificateStorageKey', () => {
  it('is a valid storage key whatever character the code starts with', () => {
    for (const code of ['_FayvrFHoSB0qihSAYb0rx4D2fmo5n3Y', '-abcDEF0123456789_-xyz', 'A1b2C3']) {
      expect(() => assertValidKey(certificateStorageKey(code))).not.toThrow();
    }
  });
});
