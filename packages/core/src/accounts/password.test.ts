import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors';
import { assertPasswordAcceptable } from './password';

const reason = (pw: string, user = {}) => {
  try {
    assertPasswordAcceptable(pw, user);
    return 'ok';
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).message;
  }
};

describe('password rules', () => {
  it('refuses short, common (English and French) and personal passwords', () => {
    expect(reason('short7!')).toBe('password_too_short');
    expect(reason('password1')).toBe('password_too_common');
    expect(reason('azertyuiop')).toBe('password_too_common');
    expect(reason('MotDePasse')).toBe('password_too_common');
    expect(reason('aaaaaaaaaa')).toBe('password_too_common');
    expect(reason('aminata.diallo2024', { email: 'aminata.diallo@x.org' })).toBe('password_too_personal');
    expect(reason('Ouedraogo!', { lastName: 'Ouedraogo' })).toBe('password_too_personal');
  });
  it('accepts a reasonable passphrase', () => {
    expect(reason('Baobab sous la pluie')).toBe('ok');
    expect(reason('Kpl9-Vt2x-Hq7m')).toBe('ok');
  });
});
