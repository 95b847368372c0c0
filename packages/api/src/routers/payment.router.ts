import {
  adminRevenue,
  cancelMyOrder,
  checkout,
  confirmTransfer,
  createVoucher,
  getOrder,
  instructorRevenue,
  listMyOrders,
  listOrders,
  listVouchers,
  previewVoucher,
  purchaseInfo,
  refundOrder,
  rejectOrder,
  sponsorReport,
  updateVoucher,
} from '@mdsc/core';
import {
  adminOrderListInput,
  checkoutInput,
  confirmTransferInput,
  enrollmentCourseInput,
  orderIdInput,
  refundOrderInput,
  rejectOrderInput,
  revenueInput,
  voucherCheckInput,
  voucherCreateInput,
  voucherListInput,
  voucherUpdateInput,
} from '@mdsc/validators';
import { z } from 'zod';
import { adminProcedure, authedProcedure, instructorProcedure, publicProcedure, router } from '../trpc';

export const paymentRouter = router({
  /** Price, available methods and my live order for a course (course page, checkout page). */
  purchaseInfo: publicProcedure.input(enrollmentCourseInput).query(({ ctx, input }) => purchaseInfo(ctx.deps, ctx.actor, input.courseId)),
  /** Starts buying a course: FedaPay (redirect or mobile-money push), bank transfer, or a full voucher. */
  checkout: authedProcedure.input(checkoutInput).mutation(({ ctx, input }) => checkout(ctx.deps, ctx.actor, input)),
  /** What a voucher code would take off a course's price. */
  checkVoucher: authedProcedure.input(voucherCheckInput).query(({ ctx, input }) => previewVoucher(ctx.deps, input.courseId, input.code)),
  /** One of my orders (the return page polls it); admins see any. */
  order: authedProcedure.input(orderIdInput).query(({ ctx, input }) => getOrder(ctx.deps, ctx.actor, input.orderId)),
  /** My purchases. */
  mine: authedProcedure.query(({ ctx }) => listMyOrders(ctx.deps, ctx.actor)),
  cancel: authedProcedure.input(orderIdInput).mutation(({ ctx, input }) => cancelMyOrder(ctx.deps, ctx.actor, input.orderId)),

  adminList: adminProcedure.input(adminOrderListInput).query(({ ctx, input }) => listOrders(ctx.deps, ctx.actor, input)),
  confirmTransfer: adminProcedure
    .input(confirmTransferInput)
    .mutation(({ ctx, input }) => confirmTransfer(ctx.deps, ctx.actor, input.orderId, input.transferReference)),
  reject: adminProcedure.input(rejectOrderInput).mutation(({ ctx, input }) => rejectOrder(ctx.deps, ctx.actor, input.orderId, input.reason)),
  refund: adminProcedure.input(refundOrderInput).mutation(({ ctx, input }) => refundOrder(ctx.deps, ctx.actor, input.orderId, input.reason)),
  /** Paid orders per course and month (refunds excluded). */
  revenue: adminProcedure.input(revenueInput).query(({ ctx, input }) => adminRevenue(ctx.deps, ctx.actor, input)),
  /** The same, for the instructor's own courses. */
  myRevenue: instructorProcedure.input(revenueInput).query(({ ctx, input }) => instructorRevenue(ctx.deps, ctx.actor, input)),

  vouchers: instructorProcedure.input(voucherListInput).query(({ ctx, input }) => listVouchers(ctx.deps, ctx.actor, input.courseId)),
  createVoucher: instructorProcedure.input(voucherCreateInput).mutation(({ ctx, input }) => createVoucher(ctx.deps, ctx.actor, input)),
  updateVoucher: instructorProcedure.input(voucherUpdateInput).mutation(({ ctx, input }) => updateVoucher(ctx.deps, ctx.actor, input)),
  /** Who used which code: one voucher (its manager), or every code of a sponsor (admin). */
  sponsorReport: instructorProcedure
    .input(z.object({ voucherId: z.number().int().positive().optional(), sponsorName: z.string().trim().min(1).max(150).optional() }))
    .query(({ ctx, input }) => sponsorReport(ctx.deps, ctx.actor, input)),
});
