import { describe, expect, it } from 'vitest';
import { acceptOf, isoToLocalInput, localInputToIso } from './text';

describe('assignment form helpers', () => {
  it('lists the accepted extensions for the file input', () => {
    expect(acceptOf(['pdf', 'jpg'])).toBe('.pdf,.jpg,.jpeg');
  });

  it('converts a datetime-local value to an instant and back', () => {
    const iso = localInputToIso('2026-12-03T14:30');
    expect(iso).not.toBeNull();
    expect(isoToLocalInput(iso)).toBe('2026-12-03T14:30');
    expect(localInputToIso('')).toBeNull();
    expect(localInputToIso('pas une date')).toBeNull();
  });
});
