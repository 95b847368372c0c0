import { z } from 'zod';
import { emailSchema, currentPasswordSchema } from './auth';
import { cursorPageInput } from './common';
import { LOCALES, ROLES } from './constants';
import { optionalSafeText, safeName } from './text';

// Omitted (undefined) stays omitted; null or empty once cleaned clears the field.
const optionalText = (max: number) => optionalSafeText(max).optional();

/** Profile fields; an omitted field is left as it is, an empty one is cleared. */
export const updateProfileInput = z.object({
  firstName: safeName(1, 100).optional(),
  lastName: safeName(1, 100).optional(),
  avatarUrl: z
    .union([z.literal(''), z.url({ protocol: /^https?$/ }).max(500)])
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional(),
  phone: z
    .string()
    .trim()
    .max(20)
    .regex(/^$|^\+?[0-9 ().-]{6,20}$/)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional(),
  organization: optionalText(255),
  country: optionalText(100),
  language: z.enum(LOCALES).optional(),
  hideFromLeaderboard: z.boolean().optional(),
});
export type UpdateProfileInput = z.infer<typeof updateProfileInput>;

export const changeEmailInput = z.object({ newEmail: emailSchema, password: currentPasswordSchema });
export type ChangeEmailInput = z.infer<typeof changeEmailInput>;

export const USER_STATUSES = ['active', 'inactive', 'unverified'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const adminUserListInput = cursorPageInput.extend({
  search: z.string().trim().max(100).optional(),
  role: z.enum(ROLES).optional(),
  status: z.enum(USER_STATUSES).optional(),
});
export type AdminUserListInput = z.infer<typeof adminUserListInput>;

export const setRoleInput = z.object({ userId: z.number().int().positive(), role: z.enum(ROLES) });
export const setActiveInput = z.object({ userId: z.number().int().positive(), active: z.boolean() });
