// The embedded-mode key file under DATA_DIR: created once (0600) on first start, read back the
// same afterwards, and rotated by prepending a new active key while the old ones stay published.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { didDocument, issuerKeyFile, loadOrCreateIssuerKeyFile, rotateIssuerKeyFile } from '@mdsc/core';
import { afterAll, describe, expect, it } from 'vitest';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mdsc-keys-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('issuer key file', () => {
  it('is generated on first start, private to the owner, and stable afterwards', () => {
    const first = loadOrCreateIssuerKeyFile(dir);
    expect(first.created).toBe(true);
    expect(fs.statSync(issuerKeyFile(dir)).mode & 0o777).toBe(0o600);
    const again = loadOrCreateIssuerKeyFile(dir);
    expect(again.created).toBe(false);
    expect(again.keys.active.kid).toBe(first.keys.active.kid);
  });

  it('rotates: a new active key first, the previous one kept in the DID document', () => {
    const before = loadOrCreateIssuerKeyFile(dir).keys.active.kid;
    const { kid } = rotateIssuerKeyFile(dir);
    const after = loadOrCreateIssuerKeyFile(dir).keys;
    expect(after.active.kid).toBe(kid);
    expect(after.all.map((k) => k.kid)).toEqual([kid, before]);
    expect(didDocument('did:web:x', after).assertionMethod).toEqual([
      `did:web:x#${kid}`,
      `did:web:x#${before}`,
    ]);
  });

  it('a damaged file stops start-up with its path in the message', () => {
    const bad = fs.mkdtempSync(path.join(os.tmpdir(), 'mdsc-keys-bad-'));
    fs.mkdirSync(path.join(bad, 'credentials'));
    fs.writeFileSync(issuerKeyFile(bad), '{"keys": []}');
    expect(() => loadOrCreateIssuerKeyFile(bad)).toThrow(
      /issuer-keys\.json: expected a non-empty JSON array/,
    );
    fs.rmSync(bad, { recursive: true, force: true });
  });
});
