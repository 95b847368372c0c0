// Buying a course: an order is created (one live order per learner and course), a sponsor's code
// applied atomically, then the chosen driver starts the payment. A full voucher pays at once and
// enrols in the same transaction.
import { Course, Enrollment, Order, User, Voucher, VoucherRedemption } from '@mdsc/db';
import type { CheckoutInput, PaymentMethod } from '@mdsc/validators';
import { col, literal, Op, UniqueConstraintError } from 'sequelize';
import type { Actor } from '../deps';
import { ConflictError, ForbiddenError, NotFoundError, PreconditionError, ValidationError } from '../errors';
import { enrollBlocker } from '../learning/enrollment.service';
import { transact } from '../transaction';
import { availableMethods, driverFor } from './drivers';
import {
  liveKey,
  loadOrder,
  markOrderFailed,
  markOrderPaid,
  newOrderReference,
  recordPaymentEvent,
  toOrderDto,
  type OrderDto,
  type PaymentDeps,
} from './orders';

export interface CheckoutResult {
  order: OrderDto;
  /** FedaPay's hosted checkout page, to open in the browser. */
  redirectUrl: string | null;
  /** A mobile-money request was pushed to the phone. */
  pushed: boolean;
  /** Manual transfer: the bank details to use, with the order's reference. */
  transferInstructions: string | null;
}

/** Integer price of a course in its currency's minor unit (XOF: francs). */
export const coursePrice = (c: Pick<Course, 'price'>) => Math.round(Number(c.price ?? 0));

export function voucherDiscount(v: Pick<Voucher, 'kind' | 'percentOff'>, listAmount: number): number {
  if (v.kind === 'full') return listAmount;
  return Math.min(listAmount, Math.round((listAmount * (v.percentOff ?? 0)) / 100));
}

/** A code usable now for this course, or a ValidationError naming `voucherCode`. */
export async function usableVoucher(code: string, courseId: number, now: Date): Promise<Voucher> {
  const v = await Voucher.findOne({ where: { code } });
  if (!v || !v.isActive) throw new ValidationError('voucherCode', 'Unknown or disabled voucher code');
  if (v.courseId !== null && v.courseId !== courseId) throw new ValidationError('voucherCode', 'This code is for another course');
  if (v.expiresAt && new Date(v.expiresAt).getTime() <= now.getTime()) throw new ValidationError('voucherCode', 'This code has expired');
  if (v.usedCount >= v.maxUses) throw new ValidationError('voucherCode', 'This code has been used up');
  return v;
}

/** What a code would take off this course's price (checkout page preview). */
export async function previewVoucher(deps: PaymentDeps, courseId: number, code: string) {
  const course = await Course.findByPk(courseId, { attributes: ['id', 'price', 'currency'] });
  if (!course) throw new NotFoundError('Course', { id: courseId });
  const v = await usableVoucher(code, courseId, deps.clock.now());
  const list = coursePrice(course);
  const discount = voucherDiscount(v, list);
  return { kind: v.kind, percentOff: v.percentOff, listAmount: list, discountAmount: discount, amount: list - discount, currency: course.currency, sponsorName: v.sponsorName };
}

export async function checkout(deps: PaymentDeps, actor: Actor, input: CheckoutInput): Promise<CheckoutResult> {
  const course = await Course.findByPk(input.courseId, {
    attributes: ['id', 'title', 'slug', 'isPublished', 'enrollmentDeadline', 'prerequisiteCourseId', 'price', 'currency'],
  });
  if (!course || !course.isPublished) throw new NotFoundError('Course', { id: input.courseId });
  const listAmount = coursePrice(course);
  if (listAmount <= 0) throw new ValidationError('courseId', 'This course is free: enrol directly');
  const blocker = await enrollBlocker(deps, actor, course);
  if (blocker === 'not_verified') throw new ForbiddenError('Verify your e-mail address before buying a course', { reason: blocker });
  if (blocker === 'deadline_passed') throw new ForbiddenError('The enrolment deadline has passed', { reason: blocker });
  if (blocker === 'prerequisite_missing') throw new ForbiddenError('Complete the prerequisite course first', { reason: blocker });
  if (input.method !== 'voucher' && !availableMethods(deps.config).includes(input.method)) {
    throw new ValidationError('method', 'This payment method is not available');
  }
  const enrolled = await Enrollment.findOne({ attributes: ['id'], where: { userId: actor.id, courseId: course.id, isActive: true } });
  if (enrolled) throw new ConflictError('Already enrolled in this course', { reason: 'already_enrolled' });

  const now = deps.clock.now();
  let voucher: Voucher | null = null;
  let discount = 0;
  if (input.voucherCode) {
    voucher = await usableVoucher(input.voucherCode, course.id, now);
    discount = voucherDiscount(voucher, listAmount);
  } else if (input.method === 'voucher') {
    throw new ValidationError('voucherCode', 'Enter the voucher code');
  }
  const amount = listAmount - discount;
  if (input.method === 'voucher' && amount > 0) {
    throw new ValidationError('voucherCode', 'This code lowers the price only: choose how to pay the rest');
  }
  const method: PaymentMethod = amount === 0 ? 'voucher' : input.method;
  const driver = driverFor(deps.config, method)!;

  const user = await User.findByPk(actor.id, { attributes: ['id', 'firstName', 'lastName', 'email'] });
  if (!user) throw new NotFoundError('User', { id: actor.id });

  // A pending order left by an earlier attempt is given up (its voucher use given back) so that
  // the learner can start again; a paid one means there is nothing to buy.
  const live = await Order.findOne({ attributes: ['id', 'status'], where: { liveKey: liveKey(actor.id, course.id) } });
  if (live?.status === 'paid') throw new ConflictError('You have already paid for this course', { reason: 'already_paid' });

  let orderId: number;
  try {
    orderId = await transact(deps, 'payments.checkout', async (tx) => {
      if (live) await markOrderFailed(deps, live.id, { status: 'cancelled', reason: 'Replaced by a new checkout' }, tx);
      if (voucher) {
        // The atomic part: of N concurrent redemptions only max_uses pass this conditional UPDATE
        // (taken first, so the voucher row's lock orders them).
        const [taken] = await Voucher.update(
          { usedCount: literal('used_count + 1') as unknown as number },
          {
            where: {
              id: voucher.id,
              isActive: true,
              usedCount: { [Op.lt]: col('max_uses') },
              [Op.or]: [{ expiresAt: null }, { expiresAt: { [Op.gt]: now } }],
            },
            transaction: tx,
            silent: true,
          },
        );
        if (taken !== 1) throw new ValidationError('voucherCode', 'This code has been used up');
      }
      const order = await Order.create(
        {
          reference: newOrderReference(),
          userId: actor.id,
          courseId: course.id,
          listAmount,
          discountAmount: discount,
          amount,
          currency: course.currency || 'XOF',
          provider: method,
          voucherId: voucher?.id ?? null,
          liveKey: liveKey(actor.id, course.id),
        },
        { transaction: tx },
      );
      if (voucher) {
        await VoucherRedemption.create({ voucherId: voucher.id, userId: actor.id, orderId: order.id, courseId: course.id }, { transaction: tx });
      }
      await recordPaymentEvent(
        { orderId: order.id, provider: method, eventId: `created:${order.id}`, eventType: 'order.created', actorId: actor.id, payload: { amount, discount, voucher: voucher?.code ?? null } },
        tx,
      );
      if (method === 'voucher') await markOrderPaid(deps, order.id, {}, tx);
      return order.id;
    });
  } catch (err) {
    if (err instanceof UniqueConstraintError) {
      const fields = Object.keys(err.fields ?? {}).join(',');
      if (/voucher_id|user_id/.test(fields) && !/live_key/.test(fields)) {
        throw new ValidationError('voucherCode', 'You have already used this code');
      }
      throw new ConflictError('A payment for this course is already in progress', { reason: 'order_in_progress' });
    }
    throw err;
  }

  let started = { status: 'pending' as 'pending' | 'paid', providerReference: null as string | null, redirectUrl: null as string | null, pushed: false };
  if (method === 'fedapay') {
    const order = (await loadOrder(orderId))!;
    const base = deps.config.publicUrl.replace(/\/$/, '');
    try {
      started = await driver.start({
        order,
        courseTitle: course.title,
        customer: { firstName: user.firstName, lastName: user.lastName, email: user.email },
        returnUrl: `${base}/payments/orders/${orderId}`,
        phone: input.phone,
        mobileMode: input.mobileMode,
      });
    } catch (err) {
      deps.logger.error({ err, orderId }, 'payments: FedaPay could not start the payment');
      await transact(deps, 'payments.start-failed', (tx) =>
        markOrderFailed(deps, orderId, { status: 'failed', reason: 'The payment provider could not be reached' }, tx),
      );
      throw new PreconditionError('The payment provider could not be reached: try again later', { reason: 'provider_unavailable' });
    }
    await Order.update({ providerReference: started.providerReference }, { where: { id: orderId } });
  }
  const order = (await loadOrder(orderId))!;
  return {
    order: toOrderDto(order),
    redirectUrl: started.redirectUrl,
    pushed: started.pushed,
    transferInstructions: method === 'transfer' ? (deps.config.payments?.transferInstructions ?? null) : null,
  };
}
