// Paid courses (issue 13): payment methods, order states, inputs shared by the API and the web app.
import { z } from 'zod';
import { idSchema } from './common';

export const ORDER_STATUS_VALUES = ['pending', 'paid', 'failed', 'cancelled', 'refunded'] as const;
export type OrderStatusValue = (typeof ORDER_STATUS_VALUES)[number];
/** How an order is paid: FedaPay (mobile money, card), manual bank transfer, or a sponsor's full voucher. */
export const PAYMENT_METHODS = ['fedapay', 'transfer', 'voucher'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
/** FedaPay mobile-money push modes (Benin). */
export const MOBILE_MONEY_MODES = ['mtn_open', 'moov'] as const;
export type MobileMoneyMode = (typeof MOBILE_MONEY_MODES)[number];

export const voucherCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9-]{4,40}$/, 'Letters, digits and dashes, 4 to 40 characters');

export const checkoutInput = z.object({
  courseId: idSchema,
  method: z.enum(PAYMENT_METHODS),
  /** A sponsor's code: a full voucher is the payment itself, a percentage one lowers the amount. */
  voucherCode: voucherCodeSchema.optional(),
  /** FedaPay mobile money: the number to push the payment request to (8 digits in Benin). */
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ]{8,16}$/, 'A phone number, 8 to 16 digits')
    .optional(),
  mobileMode: z.enum(MOBILE_MONEY_MODES).optional(),
});
export type CheckoutInput = z.infer<typeof checkoutInput>;

export const orderIdInput = z.object({ orderId: idSchema });

export const adminOrderListInput = z.object({
  status: z.enum(ORDER_STATUS_VALUES).optional(),
  provider: z.enum(PAYMENT_METHODS).optional(),
  courseId: idSchema.optional(),
  search: z.string().trim().max(100).optional(),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
});
export type AdminOrderListInput = z.infer<typeof adminOrderListInput>;

export const confirmTransferInput = z.object({
  orderId: idSchema,
  transferReference: z.string().trim().min(3, 'The bank transfer reference').max(100),
});
export const rejectOrderInput = z.object({ orderId: idSchema, reason: z.string().trim().min(3).max(500) });
export const refundOrderInput = z.object({ orderId: idSchema, reason: z.string().trim().min(3).max(500) });

export const revenueInput = z.object({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  courseId: idSchema.optional(),
});
export type RevenueInput = z.infer<typeof revenueInput>;

export const voucherCreateInput = z
  .object({
    code: voucherCodeSchema.optional(),
    courseId: idSchema.nullable(),
    kind: z.enum(['full', 'percent']),
    percentOff: z.number().int().min(1).max(99).nullable().optional(),
    maxUses: z.number().int().min(1).max(100000),
    expiresAt: z.iso.datetime().nullable().optional(),
    sponsorName: z.string().trim().min(2).max(150),
  })
  .refine((v) => (v.kind === 'percent' ? v.percentOff != null : true), {
    path: ['percentOff'],
    message: 'A percentage voucher needs its percentage',
  });
export type VoucherCreateInput = z.infer<typeof voucherCreateInput>;

export const voucherUpdateInput = z.object({
  id: idSchema,
  maxUses: z.number().int().min(1).max(100000).optional(),
  expiresAt: z.iso.datetime().nullable().optional(),
  sponsorName: z.string().trim().min(2).max(150).optional(),
  isActive: z.boolean().optional(),
});
export const voucherListInput = z.object({ courseId: idSchema.optional() });
export const voucherIdInput = z.object({ id: idSchema });
export const voucherCheckInput = z.object({ courseId: idSchema, code: voucherCodeSchema });

/** Amounts are integers in the currency's minor unit; XOF has none. "15 000 F CFA" in French. */
export function formatMoney(amount: number, currency: string, locale: 'fr' | 'en' = 'fr'): string {
  const digits = String(Math.abs(Math.round(amount))).replace(/\B(?=(\d{3})+(?!\d))/g, locale === 'fr' ? '\u00a0' : ',');
  const sign = amount < 0 ? '-' : '';
  if (currency === 'XOF') return `${sign}${digits}\u00a0F\u00a0CFA`;
  return `${sign}${digits}\u00a0${currency}`;
}
