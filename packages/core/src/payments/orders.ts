// What an order can become, each change a conditional UPDATE in the caller's transaction, with its
// effects in that same transaction: enrolment and receipt mail when paid, voucher use given back
// when it fails, enrolment ended when refunded, the learner notified each time (outbox).
import { randomInt } from 'node:crypto';
import { Course, Order, PaymentEvent, User, Voucher, VoucherRedemption, type OrderStatus } from '@mdsc/db';
import { formatMoney, LOCALES, type Locale, type PaymentMethod } from '@mdsc/validators';
import { Op, UniqueConstraintError, type Transaction } from 'sequelize';
import { toIso } from '../catalog/access';
import type { CoreDeps } from '../deps';
import { activateEnrollment, deactivateEnrollment } from '../learning/enrollment.service';
import { mailJob } from '../mail/send-mail';
import { notify } from '../notifications/notify';
import { outboxJobs } from '../outbox/writer';

export type PaymentDeps = Pick<CoreDeps, 'db' | 'clock' | 'config' | 'logger' | 'jobs'> &
  Partial<Pick<CoreDeps, 'events' | 'relay' | 'storage'>>;

export interface OrderDto {
  id: number;
  reference: string;
  courseId: number;
  courseTitle: string;
  courseSlug: string;
  listAmount: number;
  discountAmount: number;
  amount: number;
  currency: string;
  status: OrderStatus;
  provider: PaymentMethod;
  providerReference: string | null;
  voucherCode: string | null;
  receiptNumber: string | null;
  note: string | null;
  createdAt: string;
  paidAt: string | null;
  refundedAt: string | null;
  buyer: { id: number; name: string; email: string };
}

export const ORDER_INCLUDE = [
  { model: Course, as: 'course', attributes: ['id', 'title', 'slug', 'instructorId'], paranoid: false },
  { model: User, as: 'user', attributes: ['id', 'firstName', 'lastName', 'email', 'language'] },
  { model: Voucher, as: 'voucher', attributes: ['id', 'code'] },
];

export function toOrderDto(o: Order): OrderDto {
  return {
    id: o.id,
    reference: o.reference,
    courseId: o.courseId,
    courseTitle: o.course?.title ?? '',
    courseSlug: o.course?.slug ?? '',
    listAmount: o.listAmount,
    discountAmount: o.discountAmount,
    amount: o.amount,
    currency: o.currency,
    status: o.status,
    provider: o.provider,
    providerReference: o.providerReference ?? null,
    voucherCode: o.voucher?.code ?? null,
    receiptNumber: o.receiptNumber ?? null,
    note: o.note ?? null,
    createdAt: toIso(o.createdAt)!,
    paidAt: toIso(o.paidAt ?? null),
    refundedAt: toIso(o.refundedAt ?? null),
    buyer: {
      id: o.userId,
      name: `${o.user?.firstName ?? ''} ${o.user?.lastName ?? ''}`.trim(),
      email: o.user?.email ?? '',
    },
  };
}

export async function loadOrder(orderId: number, transaction?: Transaction): Promise<Order | null> {
  return Order.findByPk(orderId, { include: ORDER_INCLUDE, transaction });
}

const REF_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** Our reference for an order: short, unambiguous, written on a bank transfer ("CMD-7F3K2Q9A"). */
export function newOrderReference(): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += REF_ALPHABET[randomInt(REF_ALPHABET.length)];
  return `CMD-${s}`;
}

export const liveKey = (userId: number, courseId: number) => `${userId}:${courseId}`;

const METHOD_LABEL: Record<PaymentMethod, Record<Locale, string>> = {
  fedapay: { fr: 'Mobile money / carte (FedaPay)', en: 'Mobile money / card (FedaPay)' },
  transfer: { fr: 'Virement bancaire', en: 'Bank transfer' },
  voucher: { fr: 'Bon de formation', en: 'Sponsor voucher' },
};
export const methodLabel = (m: PaymentMethod, locale: Locale) => METHOD_LABEL[m][locale];

/**
 * Records one event about an order (webhook, decision). False when the same (provider, event id)
 * was recorded already: the caller then does nothing more.
 */
export async function recordPaymentEvent(
  input: { orderId: number | null; provider: string; eventId: string; eventType: string; payload?: unknown; actorId?: number | null },
  transaction: Transaction,
): Promise<boolean> {
  try {
    await PaymentEvent.create(
      {
        orderId: input.orderId,
        provider: input.provider,
        eventId: input.eventId.slice(0, 100),
        eventType: input.eventType.slice(0, 50),
        payload: input.payload === undefined ? null : typeof input.payload === 'string' ? input.payload : JSON.stringify(input.payload),
        actorId: input.actorId ?? null,
      },
      { transaction },
    );
    return true;
  } catch (err) {
    if (err instanceof UniqueConstraintError) return false;
    throw err;
  }
}

/**
 * pending (or failed/cancelled, when the provider approved a payment after all) → paid, then the
 * enrolment (idempotent), the notification and the receipt mail, all in `transaction`. Returns
 * false when another delivery made the change first: nothing else is done.
 */
export async function markOrderPaid(
  deps: PaymentDeps,
  orderId: number,
  extra: { providerReference?: string; decidedBy?: number | null; note?: string | null },
  transaction: Transaction,
): Promise<boolean> {
  const order = await Order.findByPk(orderId, { attributes: ['id', 'userId', 'courseId', 'status'], transaction });
  if (!order) return false;
  const now = deps.clock.now();
  const receiptNumber = `R${now.getUTCFullYear()}-${String(orderId).padStart(6, '0')}`;
  const values = {
    status: 'paid' as const,
    paidAt: now,
    receiptNumber,
    liveKey: liveKey(order.userId, order.courseId),
    ...(extra.providerReference ? { providerReference: extra.providerReference } : {}),
    ...(extra.decidedBy ? { decidedBy: extra.decidedBy } : {}),
    ...(extra.note ? { note: extra.note } : {}),
  };
  let changed: number;
  try {
    [changed] = await Order.update(values, {
      where: { id: orderId, status: { [Op.in]: ['pending', 'failed', 'cancelled'] } },
      transaction,
    });
  } catch (err) {
    if (!(err instanceof UniqueConstraintError) || !Object.keys(err.fields ?? {}).some((f) => /live/.test(f))) throw err;
    // Paid after it was given up while another order for the course went live: the money is
    // recorded on this order (for a refund), the seat stays with the other.
    [changed] = await Order.update(
      { ...values, liveKey: null, note: 'Paid after cancellation while another order was live: refund it' },
      { where: { id: orderId, status: { [Op.in]: ['failed', 'cancelled'] } }, transaction },
    );
  }
  if (changed !== 1) return false;
  const full = (await loadOrder(orderId, transaction))!;
  const course = full.course!;
  await activateEnrollment(deps, full.userId, course, transaction);
  await notify(
    deps,
    {
      userId: full.userId,
      type: 'payment_confirmed',
      data: { orderId, orderReference: full.reference, courseId: course.id, courseTitle: course.title, courseSlug: course.slug },
    },
    transaction,
  );
  const user = full.user!;
  const locale: Locale = (LOCALES as readonly string[]).includes(user.language) ? (user.language as Locale) : 'fr';
  const base = deps.config.publicUrl.replace(/\/$/, '');
  await outboxJobs(deps, transaction, [
    mailJob(
      user.email,
      locale,
      'payment-receipt',
      {
        name: user.firstName,
        courseTitle: course.title,
        amount: formatMoney(full.amount, full.currency, locale).replace(/\u00a0/g, ' '),
        receiptNumber,
        orderReference: full.reference,
        method: methodLabel(full.provider, locale),
        providerReference: full.providerReference ?? '',
        url: `${base}/api/payments/receipts/${orderId}.pdf`,
      },
      `receipt-${orderId}`,
    ),
  ]);
  return true;
}

/** Gives a voucher use back (the order it paid for did not go through). */
async function releaseVoucher(order: Pick<Order, 'id' | 'voucherId'>, transaction: Transaction): Promise<void> {
  if (!order.voucherId) return;
  const removed = await VoucherRedemption.destroy({ where: { orderId: order.id }, transaction });
  if (removed > 0) {
    await Voucher.decrement('usedCount', { by: 1, where: { id: order.voucherId, usedCount: { [Op.gt]: 0 } }, transaction, silent: true });
  }
}

/** pending → failed or cancelled; the voucher use is given back and the learner told (failed). */
export async function markOrderFailed(
  deps: PaymentDeps,
  orderId: number,
  extra: { status: 'failed' | 'cancelled'; reason?: string | null; decidedBy?: number | null },
  transaction: Transaction,
): Promise<boolean> {
  const now = deps.clock.now();
  const [changed] = await Order.update(
    {
      status: extra.status,
      liveKey: null,
      ...(extra.status === 'failed' ? { failedAt: now } : { cancelledAt: now }),
      ...(extra.reason ? { note: extra.reason.slice(0, 500) } : {}),
      ...(extra.decidedBy ? { decidedBy: extra.decidedBy } : {}),
    },
    { where: { id: orderId, status: 'pending' }, transaction },
  );
  if (changed !== 1) return false;
  const full = (await loadOrder(orderId, transaction))!;
  await releaseVoucher(full, transaction);
  if (extra.status === 'failed') {
    await notify(
      deps,
      {
        userId: full.userId,
        type: 'payment_failed',
        data: {
          orderId,
          orderReference: full.reference,
          courseId: full.courseId,
          courseTitle: full.course?.title ?? '',
          courseSlug: full.course?.slug,
          ...(extra.reason ? { reason: extra.reason.slice(0, 200) } : {}),
        },
      },
      transaction,
    );
  }
  return true;
}

/** paid → refunded: the enrolment ends (progress kept), the learner is told. */
export async function markOrderRefunded(
  deps: PaymentDeps,
  orderId: number,
  extra: { reason: string; decidedBy?: number | null },
  transaction: Transaction,
): Promise<boolean> {
  const [changed] = await Order.update(
    {
      status: 'refunded',
      liveKey: null,
      refundedAt: deps.clock.now(),
      note: extra.reason.slice(0, 500),
      ...(extra.decidedBy ? { decidedBy: extra.decidedBy } : {}),
    },
    { where: { id: orderId, status: 'paid' }, transaction },
  );
  if (changed !== 1) return false;
  const full = (await loadOrder(orderId, transaction))!;
  // Another paid order for the same course (rare: paid after a cancellation) keeps the seat.
  const other = await Order.count({ where: { userId: full.userId, courseId: full.courseId, status: 'paid' }, transaction });
  if (other === 0) await deactivateEnrollment(full.userId, full.courseId, transaction);
  await notify(
    deps,
    {
      userId: full.userId,
      type: 'payment_refunded',
      data: {
        orderId,
        orderReference: full.reference,
        courseId: full.courseId,
        courseTitle: full.course?.title ?? '',
        courseSlug: full.course?.slug,
        reason: extra.reason.slice(0, 200),
      },
    },
    transaction,
  );
  return true;
}
