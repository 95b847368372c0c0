// Reading and deciding orders: the learner's own, the admin's list and decisions, revenue.
import { Course, Order } from '@mdsc/db';
import type { AdminOrderListInput, RevenueInput } from '@mdsc/validators';
import { Op, QueryTypes, type WhereOptions } from 'sequelize';
import type { Actor } from '../deps';
import { ConflictError, ForbiddenError, NotFoundError, PreconditionError } from '../errors';
import { transact } from '../transaction';
import { availableMethods, driverFor } from './drivers';
import { loadOrder, markOrderFailed, markOrderPaid, markOrderRefunded, ORDER_INCLUDE, recordPaymentEvent, toOrderDto, type OrderDto, type PaymentDeps } from './orders';
import { syncFedaPayOrder } from './webhook.service';

function assertAdmin(actor: Actor) {
  if (actor.role !== 'admin') throw new ForbiddenError('Only administrators manage payments');
}

/** One order, for its buyer or an admin; a pending FedaPay order is checked with the provider. */
export async function getOrder(deps: PaymentDeps, actor: Actor, orderId: number): Promise<OrderDto> {
  let order = await loadOrder(orderId);
  if (!order || (order.userId !== actor.id && actor.role !== 'admin')) throw new NotFoundError('Order', { orderId });
  if (order.status === 'pending' && order.provider === 'fedapay') {
    await syncFedaPayOrder(deps, orderId);
    order = (await loadOrder(orderId))!;
  }
  return toOrderDto(order);
}

export async function listMyOrders(_deps: PaymentDeps, actor: Actor): Promise<OrderDto[]> {
  const rows = await Order.findAll({ where: { userId: actor.id }, include: ORDER_INCLUDE, order: [['id', 'DESC']], limit: 200 });
  return rows.map(toOrderDto);
}

/** The learner gives up a pending order (e.g. will not make the transfer after all). */
export async function cancelMyOrder(deps: PaymentDeps, actor: Actor, orderId: number): Promise<OrderDto> {
  const order = await Order.findByPk(orderId, { attributes: ['id', 'userId', 'status'] });
  if (!order || order.userId !== actor.id) throw new NotFoundError('Order', { orderId });
  if (order.status !== 'pending') throw new PreconditionError('Only a pending order can be cancelled', { reason: 'not_pending' });
  await transact(deps, 'payments.cancel', (t) => markOrderFailed(deps, orderId, { status: 'cancelled', reason: 'Cancelled by the learner', decidedBy: actor.id }, t));
  return toOrderDto((await loadOrder(orderId))!);
}

export async function listOrders(
  _deps: PaymentDeps,
  actor: Actor,
  input: AdminOrderListInput,
): Promise<{ items: OrderDto[]; total: number; page: number; pageSize: number }> {
  assertAdmin(actor);
  const where: WhereOptions<Order> = {
    ...(input.status ? { status: input.status } : {}),
    ...(input.provider ? { provider: input.provider } : {}),
    ...(input.courseId ? { courseId: input.courseId } : {}),
  };
  const search = input.search?.trim();
  const include = ORDER_INCLUDE.map((i) => ({ ...i }));
  if (search) {
    const like = `%${search.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    Object.assign(where, {
      [Op.or]: [
        { reference: { [Op.like]: like } },
        { providerReference: { [Op.like]: like } },
        { '$user.email$': { [Op.like]: like } },
        { '$user.last_name$': { [Op.like]: like } },
      ],
    });
  }
  const { rows, count } = await Order.findAndCountAll({
    where,
    include,
    order: [['id', 'DESC']],
    limit: input.pageSize,
    offset: (input.page - 1) * input.pageSize,
    distinct: true,
  });
  return { items: rows.map(toOrderDto), total: count, page: input.page, pageSize: input.pageSize };
}

/** An admin saw the money arrive on the account: the transfer order is paid (and the learner enrolled). */
export async function confirmTransfer(deps: PaymentDeps, actor: Actor, orderId: number, transferReference: string): Promise<OrderDto> {
  assertAdmin(actor);
  const order = await Order.findByPk(orderId, { attributes: ['id', 'status', 'provider'] });
  if (!order) throw new NotFoundError('Order', { orderId });
  if (order.provider !== 'transfer') throw new PreconditionError('Only bank-transfer orders are confirmed by hand', { reason: 'not_transfer' });
  const used = await Order.findOne({ attributes: ['reference'], where: { provider: 'transfer', providerReference: transferReference } });
  if (used) throw new ConflictError(`This transfer reference already paid order ${used.reference}`, { field: 'transferReference' });
  const done = await transact(deps, 'payments.confirm', async (t) => {
    const ok = await markOrderPaid(deps, orderId, { providerReference: transferReference, decidedBy: actor.id }, t);
    if (ok) {
      await recordPaymentEvent({ orderId, provider: 'transfer', eventId: `confirm:${orderId}`, eventType: 'transfer.confirmed', actorId: actor.id, payload: { transferReference } }, t);
    }
    return ok;
  });
  if (!done) throw new PreconditionError('This order is not waiting for a transfer any more', { reason: 'not_pending' });
  return toOrderDto((await loadOrder(orderId))!);
}

/** An admin refuses a pending order (transfer never arrived, wrong amount): failed, learner told. */
export async function rejectOrder(deps: PaymentDeps, actor: Actor, orderId: number, reason: string): Promise<OrderDto> {
  assertAdmin(actor);
  const done = await transact(deps, 'payments.reject', async (t) => {
    const ok = await markOrderFailed(deps, orderId, { status: 'failed', reason, decidedBy: actor.id }, t);
    if (ok) await recordPaymentEvent({ orderId, provider: 'admin', eventId: `reject:${orderId}`, eventType: 'order.rejected', actorId: actor.id, payload: { reason } }, t);
    return ok;
  });
  if (!done) throw new PreconditionError('Only a pending order can be rejected', { reason: 'not_pending' });
  return toOrderDto((await loadOrder(orderId))!);
}

/**
 * An admin refunds a paid order: refunded, enrolment ended, learner told. The provider's refund is
 * asked first where the driver supports it (FedaPay's SDK does not: refund in its dashboard).
 */
export async function refundOrder(deps: PaymentDeps, actor: Actor, orderId: number, reason: string): Promise<OrderDto> {
  assertAdmin(actor);
  const order = await Order.findByPk(orderId, { attributes: ['id', 'status', 'provider', 'providerReference', 'amount'] });
  if (!order) throw new NotFoundError('Order', { orderId });
  if (order.status !== 'paid') throw new PreconditionError('Only a paid order can be refunded', { reason: 'not_paid' });
  const driver = driverFor(deps.config, order.provider);
  if (driver?.refund && order.providerReference && order.amount > 0) await driver.refund(order.providerReference, order.amount);
  const done = await transact(deps, 'payments.refund', async (t) => {
    const ok = await markOrderRefunded(deps, orderId, { reason, decidedBy: actor.id }, t);
    if (ok) await recordPaymentEvent({ orderId, provider: 'admin', eventId: `refund:${orderId}`, eventType: 'order.refunded', actorId: actor.id, payload: { reason } }, t);
    return ok;
  });
  if (!done) throw new PreconditionError('Only a paid order can be refunded', { reason: 'not_paid' });
  return toOrderDto((await loadOrder(orderId))!);
}

export interface RevenueRow {
  courseId: number;
  courseTitle: string;
  month: string;
  currency: string;
  orders: number;
  revenue: number;
}

/** Paid orders (refunded ones excluded) per course and month; `instructorId` narrows to own courses. */
async function revenue(deps: PaymentDeps, input: RevenueInput, instructorId: number | null): Promise<RevenueRow[]> {
  const month = deps.db.dialect === 'sqlite' ? "strftime('%Y-%m', o.paid_at)" : "DATE_FORMAT(o.paid_at, '%Y-%m')";
  const cond: string[] = ["o.status = 'paid'"];
  const rep: Record<string, unknown> = {};
  if (input.from) {
    cond.push('o.paid_at >= :from');
    rep.from = `${input.from} 00:00:00`;
  }
  if (input.to) {
    cond.push('o.paid_at < :to');
    rep.to = new Date(new Date(`${input.to}T00:00:00Z`).getTime() + 86_400_000).toISOString().slice(0, 19).replace('T', ' ');
  }
  if (input.courseId) {
    cond.push('o.course_id = :courseId');
    rep.courseId = input.courseId;
  }
  if (instructorId !== null) {
    cond.push('c.instructor_id = :instructorId');
    rep.instructorId = instructorId;
  }
  const rows = await deps.db.sequelize.query<{ courseId: number; courseTitle: string; month: string; currency: string; orders: number; revenue: number }>(
    `SELECT o.course_id AS courseId, c.title AS courseTitle, ${month} AS month, o.currency AS currency,
            COUNT(*) AS orders, SUM(o.amount) AS revenue
       FROM orders o JOIN courses c ON c.id = o.course_id
      WHERE ${cond.join(' AND ')}
      GROUP BY o.course_id, c.title, ${month}, o.currency
      ORDER BY month DESC, c.title`,
    { replacements: rep, type: QueryTypes.SELECT },
  );
  return rows.map((r) => ({ ...r, courseId: Number(r.courseId), orders: Number(r.orders), revenue: Number(r.revenue) }));
}

export async function adminRevenue(deps: PaymentDeps, actor: Actor, input: RevenueInput): Promise<RevenueRow[]> {
  assertAdmin(actor);
  return revenue(deps, input, null);
}

export async function instructorRevenue(deps: PaymentDeps, actor: Actor, input: RevenueInput): Promise<RevenueRow[]> {
  if (actor.role !== 'instructor' && actor.role !== 'admin') throw new ForbiddenError('Only instructors see course revenue');
  return revenue(deps, input, actor.id);
}

/** What the course page needs: price, methods, and this learner's live order if any. */
export async function purchaseInfo(deps: PaymentDeps, actor: Actor | null, courseId: number) {
  const course = await Course.findByPk(courseId, { attributes: ['id', 'price', 'currency'] });
  if (!course) throw new NotFoundError('Course', { id: courseId });
  const order = actor
    ? await Order.findOne({ where: { userId: actor.id, courseId, status: ['pending', 'paid'] }, include: ORDER_INCLUDE, order: [['id', 'DESC']] })
    : null;
  return {
    price: Math.round(Number(course.price ?? 0)),
    currency: course.currency,
    methods: availableMethods(deps.config),
    transferInstructions: deps.config.payments?.transferInstructions ?? null,
    order: order ? toOrderDto(order) : null,
  };
}

