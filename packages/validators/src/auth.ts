// Account inputs, shared by the API and the web forms (the browser validates with the same rules).
import { z } from 'zod';
import { LOCALES } from './constants';
import { safeName } from './text';

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(255)
  .pipe(z.email());
/** New passwords; the server also refuses common and personal ones (field `password`). */
export const passwordSchema = z.string().min(PASSWORD_MIN).max(PASSWORD_MAX);
/** A password being checked (login, re-entry): no rules beyond a sane size. */
export const currentPasswordSchema = z.string().min(1).max(PASSWORD_MAX);
const name = safeName(1, 100);
/** Opaque tokens from e-mail links and refresh tokens (base64url). */
export const tokenSchema = z
  .string()
  .trim()
  .min(20)
  .max(200)
  .regex(/^[A-Za-z0-9_-]+$/);

export const registerInput = z.object({
  email: emailSchema,
  password: passwordSchema,
  firstName: name,
  lastName: name,
  language: z.enum(LOCALES).default('fr'),
});
export type RegisterInput = z.infer<typeof registerInput>;

export const loginInput = z.object({
  email: emailSchema,
  password: currentPasswordSchema,
  /** `cookie` (web app): HttpOnly session cookie. `token`: session + refresh tokens in the body. */
  mode: z.enum(['cookie', 'token']).default('cookie'),
});
export type LoginInput = z.infer<typeof loginInput>;

export const verifyEmailInput = z.object({ token: tokenSchema });
export const emailOnlyInput = z.object({ email: emailSchema });
export const resetPasswordInput = z.object({ token: tokenSchema, password: passwordSchema });
export const changePasswordInput = z.object({ currentPassword: currentPasswordSchema, newPassword: passwordSchema });
export const refreshInput = z.object({ refreshToken: tokenSchema });
export const revokeSessionInput = z.object({ id: z.number().int().positive() });

export type ResetPasswordInput = z.infer<typeof resetPasswordInput>;
export type ChangePasswordInput = z.infer<typeof changePasswordInput>;
