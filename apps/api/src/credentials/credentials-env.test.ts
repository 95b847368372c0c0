// CREDENTIALS_SIGNING_KEYS in the API's configuration: parsed at start-up, a bad value stops it
// naming the variable, and production full mode refuses to run without it.
import { generateIssuerJwk } from '@mdsc/core';
import { describe, expect, it } from 'vitest';
import { loadEnv } from '../env';

const full = { DATABASE_URL: 'mysql://u:p@127.0.0.1:3306/db', REDIS_URL: 'redis://127.0.0.1:6379' };

describe('CREDENTIALS_SIGNING_KEYS', () => {
  it('parses the key list, active key first', () => {
    const a = generateIssuerJwk();
    const b = generateIssuerJwk();
    const env = loadEnv({
      CREDENTIALS_SIGNING_KEYS: JSON.stringify([a, { kty: 'OKP', crv: 'Ed25519', x: b.x }]),
    });
    expect(env.credentialKeys?.active.kid).toBe(a.kid);
    expect(env.credentialKeys?.all.map((k) => k.kid)).toEqual([a.kid, b.kid]);
  });

  it('unset or empty: the DATA_DIR key file is used (null here)', () => {
    expect(loadEnv({}).credentialKeys).toBeNull();
    expect(loadEnv({ CREDENTIALS_SIGNING_KEYS: '  ' }).credentialKeys).toBeNull();
    expect(loadEnv({ ...full, NODE_ENV: 'development' }).credentialKeys).toBeNull();
  });

  it('refuses a bad value, naming the variable and the key', () => {
    expect(() => loadEnv({ CREDENTIALS_SIGNING_KEYS: '{nope' })).toThrow(
      /CREDENTIALS_SIGNING_KEYS: not valid JSON/,
    );
    const pub = { kty: 'OKP', crv: 'Ed25519', x: generateIssuerJwk().x };
    expect(() => loadEnv({ CREDENTIALS_SIGNING_KEYS: JSON.stringify([pub]) })).toThrow(
      /CREDENTIALS_SIGNING_KEYS: key 1 .*"d"/,
    );
  });

  it('is required in production full mode', () => {
    expect(() => loadEnv({ ...full, NODE_ENV: 'production' })).toThrow(
      /CREDENTIALS_SIGNING_KEYS: required in production full mode/,
    );
    const env = loadEnv({
      ...full,
      NODE_ENV: 'production',
      CREDENTIALS_SIGNING_KEYS: JSON.stringify([generateIssuerJwk()]),
    });
    expect(env.credentialKeys).not.toBeNull();
  });
});
