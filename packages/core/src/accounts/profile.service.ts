import { User } from '@mdsc/db';
import type { ChangeEmailInput, UpdateProfileInput } from '@mdsc/validators';
import type { Actor, CoreDeps } from '../deps';
import { ConflictError, UnauthorizedError, ValidationError } from '../errors';
import { enqueueMail } from '../mail/send-mail';
import { rateLimiterOf } from '../security/rate-limit';
import { checkPasswordReentry } from './password.service';
import type { RequestInfo } from './register.service';
import { findUserByEmail, normalizeEmail, pendingEmailOf, sendVerification, toLocale, toMeDto, type MeDto } from './user-dto';
import { transact } from '../transaction';

async function loadActor(actor: Actor): Promise<User> {
  const user = await User.findByPk(actor.id);
  if (!user) throw new UnauthorizedError();
  return user;
}

/** Updates the actor's own profile; omitted fields stay, empty optional ones are cleared. */
export async function updateProfile(deps: CoreDeps, actor: Actor, input: UpdateProfileInput): Promise<MeDto> {
  const user = await loadActor(actor);
  const changes = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  if (Object.keys(changes).length) await user.update(changes);
  return toMeDto(user, await pendingEmailOf(deps, user));
}

/**
 * Starts a change of address: re-enter the password, then a link goes to the new address (the
 * change happens when it is opened, auth.verifyEmail) and a notice to the old one.
 */
export async function changeEmail(
  deps: CoreDeps,
  actor: Actor,
  input: ChangeEmailInput,
  req: RequestInfo,
): Promise<{ pendingEmail: string }> {
  const user = await loadActor(actor);
  const newEmail = normalizeEmail(input.newEmail);
  await checkPasswordReentry(deps, user, input.password, req, 'password');
  if (newEmail === user.email) throw new ValidationError('newEmail', 'email_unchanged');
  await rateLimiterOf(deps).hit('resend', req.ip, user.email);
  if (await findUserByEmail(newEmail, { includeDeleted: true })) {
    throw new ConflictError('email_taken', { field: 'newEmail' });
  }
  // The link to the new address and the notice to the old one commit together (outbox).
  await transact(deps, 'accounts.changeEmail', async (transaction) => {
    await sendVerification(deps, user, newEmail, transaction);
    await enqueueMail(
      deps,
      user.email,
      toLocale(user.language),
      'email-change',
      { name: user.firstName, newEmail },
      undefined,
      transaction,
    );
  });
  return { pendingEmail: newEmail };
}
