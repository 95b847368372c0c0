// Verifiable credentials (Open Badges 3.0, VC-JOSE EdDSA): issuer keys and DID, issuance,
// revocation through Bitstring Status Lists, baking, verification.
export * from './keys';
export * from './bitstring';
export { bakePng, extractBakedCredential, isPng, BAKED_KEYWORD } from './png';
export * from './build';
export { signCredentialJwt, credentialFromPayload, JWT_TYP } from './jwt';
export * from './credential.service';
export * from './verify';
export * from './media';
export { bundledContexts } from './contexts';
