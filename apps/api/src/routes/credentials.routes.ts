// Verifiable credentials over plain HTTP, for verifiers and wallets that are not our web app:
// the issuer's DID document and JWKS, the signed status lists, achievement images and documents,
// and per credential the baked badge PNG and the JSON file. All public: a credential's uuid is its
// address, and what it leads to is what its holder shares.
import {
  achievementDocument,
  achievementImage,
  bakedCredentialPng,
  didDocument,
  DomainError,
  getPublicCredential,
  getStatusListJwt,
  issuerDid,
  issuerKeys,
  jwks,
  parseAchievementRef,
  type CoreDeps,
} from '@mdsc/core';
import { credentialUuidSchema } from '@mdsc/validators';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { DOMAIN_ERROR_STATUS } from './http-status';

export interface CredentialRoutesOptions {
  deps: CoreDeps;
}


/** Readable from any origin: verifiers and wallets run elsewhere. */
function shared(reply: FastifyReply, cache: string): FastifyReply {
  return reply
    .header('access-control-allow-origin', '*')
    .header('cross-origin-resource-policy', 'cross-origin')
    .header('cache-control', cache);
}

const notFound = (reply: FastifyReply) =>
  reply.code(404).send({ error: { message: 'Not found', field: null } });

export async function credentialRoutes(app: FastifyInstance, opts: CredentialRoutesOptions): Promise<void> {
  const { deps } = opts;
  const handle = async (reply: FastifyReply, fn: () => Promise<unknown>) => {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof DomainError)
        return reply.code(DOMAIN_ERROR_STATUS[err.code]).send({ error: { message: err.message, field: null } });
      throw err;
    }
  };

  app.get('/.well-known/did.json', async (_req, reply) =>
    shared(reply, 'public, max-age=300')
      .type('application/did+json')
      .send(didDocument(issuerDid(deps), issuerKeys(deps))),
  );
  app.get('/.well-known/jwks.json', async (_req, reply) =>
    shared(reply, 'public, max-age=300')
      .type('application/jwk-set+json')
      .send(jwks(issuerKeys(deps))),
  );

  app.get('/api/credentials/status/:id', async (req, reply) => {
    const raw = (req.params as { id: string }).id;
    if (!/^[1-9][0-9]{0,6}$/.test(raw)) return notFound(reply);
    const jwt = await getStatusListJwt(deps, Number(raw));
    if (!jwt) return notFound(reply);
    // Short cache: a revocation shows within a minute.
    return shared(reply, 'public, max-age=60').type('application/vc+jwt').send(jwt);
  });

  app.get('/api/credentials/images/:file', async (req, reply) => {
    const file = (req.params as { file: string }).file;
    const ref = file.endsWith('.png') ? parseAchievementRef(file.slice(0, -4)) : null;
    if (!ref) return notFound(reply);
    return handle(reply, async () => {
      const png = await achievementImage(ref.kind, ref.id);
      return shared(reply, 'public, max-age=86400').type('image/png').send(png);
    });
  });

  app.get('/api/credentials/achievements/:file', async (req, reply) => {
    const file = (req.params as { file: string }).file;
    const ref = file.endsWith('.json') ? parseAchievementRef(file.slice(0, -5)) : null;
    if (!ref) return notFound(reply);
    return handle(reply, async () =>
      shared(reply, 'public, max-age=3600')
        .type('application/ld+json')
        .send(await achievementDocument(deps, ref.kind, ref.id)),
    );
  });

  app.get('/api/credentials/:uuid/badge.png', async (req, reply) => {
    const uuid = credentialUuidSchema.safeParse((req.params as { uuid: string }).uuid);
    if (!uuid.success) return notFound(reply);
    return handle(reply, async () => {
      const { png, filename } = await bakedCredentialPng(deps, uuid.data);
      return shared(reply, 'private, no-store')
        .type('image/png')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(png);
    });
  });

  // The credential as a JSON file: a VC 2.0 EnvelopedVerifiableCredential carrying the signed JWT.
  app.get('/api/credentials/:uuid/credential.json', async (req, reply) => {
    const uuid = credentialUuidSchema.safeParse((req.params as { uuid: string }).uuid);
    if (!uuid.success) return notFound(reply);
    return handle(reply, async () => {
      const c = await getPublicCredential(deps, null, uuid.data);
      return shared(reply, 'private, no-store')
        .type('application/json')
        .header(
          'content-disposition',
          `attachment; filename="${c.kind === 'certificate' ? 'certificat' : 'badge'}-${uuid.data.slice(0, 8)}.json"`,
        )
        .send(envelope(c.jwt));
    });
  });
}

export function envelope(jwt: string) {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: `data:application/vc+jwt,${jwt}`,
    type: 'EnvelopedVerifiableCredential',
  };
}
