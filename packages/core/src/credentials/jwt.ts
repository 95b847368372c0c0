// VC-JOSE (Securing Verifiable Credentials using JOSE): the credential is the JWS payload, signed
// EdDSA (Ed25519) as a compact JWT. The registered claims iss/jti/sub/nbf/exp mirror issuer.id, id,
// credentialSubject.id, validFrom and validUntil, so that generic JWT tooling checks them too.
import { SignJWT } from 'jose';
import { verificationMethodId, type IssuerKeys } from './keys';

export const JWT_TYP = 'vc+jwt';

const numericDate = (iso: string) => Math.floor(new Date(iso).getTime() / 1000);

export async function signCredentialJwt(
  credential: {
    id: string;
    issuer: string | { id: string };
    validFrom: string;
    validUntil?: string;
    credentialSubject: { id?: string };
  },
  did: string,
  keys: IssuerKeys,
): Promise<{ jwt: string; kid: string }> {
  const claims: Record<string, unknown> = {
    ...credential,
    iss: typeof credential.issuer === 'string' ? credential.issuer : credential.issuer.id,
    jti: credential.id,
    nbf: numericDate(credential.validFrom),
    ...(credential.credentialSubject.id ? { sub: credential.credentialSubject.id } : {}),
    ...(credential.validUntil ? { exp: numericDate(credential.validUntil) } : {}),
  };
  const jwt = await new SignJWT(claims)
    .setProtectedHeader({
      alg: 'EdDSA',
      kid: verificationMethodId(did, keys.active.kid),
      typ: JWT_TYP,
      cty: 'vc',
    })
    .sign(keys.active.privateKey);
  return { jwt, kid: keys.active.kid };
}

/** The credential inside a payload: the payload minus the JWT registered claims. */
export function credentialFromPayload(payload: Record<string, unknown>): Record<string, unknown> {
  const { iss: _iss, jti: _jti, sub: _sub, nbf: _nbf, exp: _exp, iat: _iat, ...credential } = payload;
  return credential;
}
