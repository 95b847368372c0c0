import { z } from 'zod';

/** Limits on what `credentials.verify` accepts (a baked badge is a few tens of KB). */
export const CREDENTIAL_VERIFY_LIMITS = {
  jwtChars: 64_000,
  jsonChars: 64_000,
  pngBytes: 512 * 1024,
} as const;

export const credentialUuidSchema = z.uuid({ version: 'v4', message: 'Not a credential id' });

export const credentialIssueInput = z.union([
  z.object({ certificateId: z.number().int().positive() }),
  z.object({ userBadgeId: z.number().int().positive() }),
]);

export const credentialByIdInput = z.object({ uuid: credentialUuidSchema });

export const credentialSetDidInput = z.object({
  uuid: credentialUuidSchema,
  did: z.string().trim().max(500, 'At most 500 characters').nullable(),
});

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Exactly one of: the JWT text, a JSON credential, a baked PNG in base64. */
export const credentialVerifyInput = z
  .object({
    jwt: z.string().trim().min(1, 'Empty').max(CREDENTIAL_VERIFY_LIMITS.jwtChars, 'Too long').optional(),
    json: z
      .unknown()
      .refine(
        (v) => v === undefined || JSON.stringify(v).length <= CREDENTIAL_VERIFY_LIMITS.jsonChars,
        'Too large',
      )
      .optional(),
    pngBase64: z
      .string()
      .max(Math.ceil((CREDENTIAL_VERIFY_LIMITS.pngBytes * 4) / 3) + 4, 'File too large (512 KB at most)')
      .regex(BASE64, 'Not base64')
      .optional(),
  })
  .superRefine((v, ctx) => {
    const given = (['jwt', 'json', 'pngBase64'] as const).filter((k) => v[k] !== undefined);
    if (given.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: [given[1] ?? 'jwt'],
        message: 'Give exactly one of jwt, json, pngBase64',
      });
    }
  });
export type CredentialVerifyInput = z.infer<typeof credentialVerifyInput>;
