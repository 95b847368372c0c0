// How an order gets paid. Each method is a driver: FedaPay (mobile money and cards, collected by the
// provider, confirmed by its signed webhook), manual transfer (instructions and our reference, an
// admin confirms with the bank's reference), voucher (a sponsor's full code pays the whole price).
import type { Order } from '@mdsc/db';
import type { MobileMoneyMode, PaymentMethod } from '@mdsc/validators';

/** The provider's view of a transaction, mapped to what an order can become. */
export type ProviderOutcome = 'pending' | 'paid' | 'failed' | 'refunded';

export interface StartInput {
  order: Pick<Order, 'id' | 'reference' | 'amount' | 'currency'>;
  courseTitle: string;
  customer: { firstName: string; lastName: string; email: string };
  /** Where the provider sends the payer back (the order status page). */
  returnUrl: string;
  phone?: string;
  mobileMode?: MobileMoneyMode;
}

export interface StartResult {
  /** 'paid' only for a full voucher: the order is paid at once. */
  status: 'pending' | 'paid';
  providerReference: string | null;
  /** FedaPay's hosted checkout page, where the payer chooses mobile money or card. */
  redirectUrl: string | null;
  /** A mobile-money push was sent to `phone`: the payer approves it on the handset. */
  pushed: boolean;
}

export interface ProviderTransaction {
  outcome: ProviderOutcome;
  amount: number;
  currency: string | null;
  status: string;
}

export interface VerifiedWebhook {
  /** Unique per event at the provider (idempotency key). */
  eventId: string;
  eventType: string;
  /** The provider transaction the event is about. */
  transactionId: string | null;
}

export interface PaymentDriver {
  readonly method: PaymentMethod;
  /** Begins the payment of an order that was just created (outside any transaction: network). */
  start(input: StartInput): Promise<StartResult>;
  /** Asks the provider what became of a transaction (the webhook's truth, not its claim). */
  fetch?(providerReference: string): Promise<ProviderTransaction>;
  /** Checks a webhook's signature over the raw body; throws when it does not hold. */
  verifyWebhook?(rawBody: string, signatureHeader: string | undefined): VerifiedWebhook;
  /** Gives the money back through the provider, where it supports it. */
  refund?(providerReference: string, amount: number): Promise<void>;
}

export class WebhookSignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookSignatureError';
  }
}

/** Manual bank transfer: nothing happens at once; the learner transfers with our reference. */
export const transferDriver: PaymentDriver = {
  method: 'transfer',
  start: () => Promise.resolve({ status: 'pending', providerReference: null, redirectUrl: null, pushed: false }),
};

/** A full voucher pays the whole price: the order is paid when it is created. */
export const voucherDriver: PaymentDriver = {
  method: 'voucher',
  start: () => Promise.resolve({ status: 'paid', providerReference: null, redirectUrl: null, pushed: false }),
};
