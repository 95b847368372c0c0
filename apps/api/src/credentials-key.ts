// Issuer key management for verifiable credentials.
//   pnpm --filter @mdsc/api-app credentials:key new     prints a fresh Ed25519 private JWK (full mode:
//                                                      put it first in CREDENTIALS_SIGNING_KEYS)
//   pnpm --filter @mdsc/api-app credentials:key rotate  embedded mode: a new active key in DATA_DIR's
//                                                      key file, the previous ones kept (they verify)
import { generateIssuerJwk, rotateIssuerKeyFile } from '@mdsc/core';
import { loadEnv } from './env';

const cmd = process.argv[2];
if (cmd === 'new') {
  console.log(JSON.stringify(generateIssuerJwk()));
} else if (cmd === 'rotate') {
  const env = loadEnv();
  if (env.credentialKeys) {
    console.error(
      'CREDENTIALS_SIGNING_KEYS is set: rotate by putting a new key (from `new`) first in it, keeping the old ones after it.',
    );
    process.exit(1);
  }
  const { kid, file } = rotateIssuerKeyFile(env.DATA_DIR);
  console.log(`New active key ${kid} in ${file}; restart the API to use it.`);
} else {
  console.error('usage: credentials:key new | rotate');
  process.exit(2);
}
