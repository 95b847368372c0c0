// FedaPay configuration is checked at start-up: all keys or none, a key matching its environment.
import { describe, expect, it } from 'vitest';
import { loadEnv } from '../env';

const base = { NODE_ENV: 'test' as const, DATA_DIR: '/tmp/mdsc-payments-env' };

describe('FedaPay configuration', () => {
  it('is off without keys', () => {
    expect(loadEnv(base).FEDAPAY_SECRET_KEY).toBeUndefined();
  });
  it('accepts a sandbox key with its webhook secret', () => {
    const env = loadEnv({ ...base, FEDAPAY_SECRET_KEY: 'sk_sandbox_abcdefgh123', FEDAPAY_WEBHOOK_SECRET: 'wh_sandbox_secret' });
    expect(env.FEDAPAY_ENVIRONMENT).toBe('sandbox');
  });
  it('refuses a key without the webhook secret, a malformed key, and a live key in sandbox', () => {
    expect(() => loadEnv({ ...base, FEDAPAY_SECRET_KEY: 'sk_sandbox_abcdefgh123' })).toThrow(/FEDAPAY_WEBHOOK_SECRET/);
    expect(() => loadEnv({ ...base, FEDAPAY_SECRET_KEY: 'pk_live_123', FEDAPAY_WEBHOOK_SECRET: 'wh_secret_x' })).toThrow(/FEDAPAY_SECRET_KEY/);
    expect(() =>
      loadEnv({ ...base, FEDAPAY_SECRET_KEY: 'sk_live_abcdefgh123', FEDAPAY_WEBHOOK_SECRET: 'wh_live_secret' }),
    ).toThrow(/FEDAPAY_ENVIRONMENT: is sandbox but FEDAPAY_SECRET_KEY is a live key/);
  });
  it('refuses the test API address in production', () => {
    expect(() =>
      loadEnv({ ...base, NODE_ENV: 'production', FEDAPAY_API_BASE: 'http://127.0.0.1:9' }),
    ).toThrow(/FEDAPAY_API_BASE/);
  });
});
