import { getCertificateDownload, listMyCertificates, revokeCertificate, verifyCertificate } from '@mdsc/core';
import { certificateCodeInput, certificateRevokeInput } from '@mdsc/validators';
import { adminProcedure, authedProcedure, publicProcedure, router } from '../trpc';

export const certificateRouter = router({
  mine: authedProcedure.query(({ ctx }) => listMyCertificates(ctx.deps, ctx.actor)),
  /** The URL of the PDF (GET /api/certificates/:code.pdf), for the holder or an admin. */
  download: authedProcedure
    .input(certificateCodeInput)
    .query(({ ctx, input }) => getCertificateDownload(ctx.deps, ctx.actor, input.code)),
  /** Public: valid, expired or revoked (with the reason). */
  verify: publicProcedure.input(certificateCodeInput).query(({ ctx, input }) => verifyCertificate(ctx.deps, input.code)),
  revoke: adminProcedure
    .input(certificateRevokeInput)
    .mutation(({ ctx, input }) => revokeCertificate(ctx.deps, ctx.actor, input)),
});
