import { getPublicCredential, issueCredential, setCredentialSubjectDid, verifyCredential } from '@mdsc/core';
import {
  credentialByIdInput,
  credentialIssueInput,
  credentialSetDidInput,
  credentialVerifyInput,
} from '@mdsc/validators';
import { authedProcedure, publicProcedure, router } from '../trpc';

export const credentialRouter = router({
  /** The signed Open Badges 3.0 credential of one of my certificates or badges (signed on first call, then kept). */
  issue: authedProcedure
    .input(credentialIssueInput)
    .query(({ ctx, input }) => issueCredential(ctx.deps, ctx.actor, input)),
  /** Public share page data (the uuid is the credential's address). */
  byId: publicProcedure
    .input(credentialByIdInput)
    .query(({ ctx, input }) => getPublicCredential(ctx.deps, ctx.actor, input.uuid)),
  /** The holder names the DID the credential is about (or null for the hashed e-mail only). */
  setSubjectDid: authedProcedure
    .input(credentialSetDidInput)
    .mutation(({ ctx, input }) => setCredentialSubjectDid(ctx.deps, ctx.actor, input)),
  /** Public, for people and machines: checks format, issuer, signature, dates and status. */
  verify: publicProcedure
    .input(credentialVerifyInput)
    .mutation(({ ctx, input }) =>
      verifyCredential(
        ctx.deps,
        input.jwt !== undefined
          ? { jwt: input.jwt }
          : input.pngBase64 !== undefined
            ? { png: Buffer.from(input.pngBase64, 'base64') }
            : { json: input.json },
      ),
    ),
});
