// The FedaPay driver, through the official Node SDK (`fedapay`). The SDK keeps its configuration in
// static fields (one account per process), set once here from the API's configuration.
// Webhooks: header `X-FEDAPAY-SIGNATURE: t=<unix time>,s=<hex HMAC-SHA256 of "<t>.<raw body>">`
// with the endpoint's secret, 5 minutes of tolerance (the SDK's Webhook.constructEvent).
import { createHash } from 'node:crypto';
import { FedaPay, Transaction, Webhook } from 'fedapay';
import type { PaymentDriver, ProviderOutcome, ProviderTransaction, StartInput, StartResult, VerifiedWebhook } from './provider';
import { WebhookSignatureError } from './provider';

export interface FedaPayConfig {
  secretKey: string;
  webhookSecret: string;
  environment: 'sandbox' | 'live';
  /** Another API address (the test fake); default: the SDK's sandbox or live address. */
  apiBase?: string | null;
}

/** FedaPay's transaction statuses → what the order becomes. */
export function fedapayOutcome(status: string): ProviderOutcome {
  if (status === 'approved' || status === 'transferred') return 'paid';
  if (status === 'declined' || status === 'canceled' || status === 'expired') return 'failed';
  if (status.includes('refunded')) return 'refunded';
  return 'pending';
}

interface FedaPayTransactionLike {
  id: number | string;
  status: string;
  amount: number;
  currency?: { iso?: string } | null;
  generateToken(): Promise<{ token: string; url: string }>;
  sendNowWithToken(mode: string, token: string, params?: Record<string, unknown>): Promise<unknown>;
}

function splitPhone(phone: string): { number: string; country: string } {
  const digits = phone.replace(/[^0-9]/g, '');
  // Benin numbers: +229 then 8 (or, since 2024, 10) digits.
  return { number: digits.startsWith('229') && digits.length > 10 ? digits.slice(3) : digits, country: 'bj' };
}

export function createFedaPayDriver(config: FedaPayConfig): PaymentDriver {
  FedaPay.setApiKey(config.secretKey);
  FedaPay.setEnvironment(config.environment);
  if (config.apiBase) FedaPay.setApiBase(config.apiBase.replace(/\/$/, ''));

  return {
    method: 'fedapay',
    async start(input: StartInput): Promise<StartResult> {
      const tx = (await Transaction.create({
        description: `${input.courseTitle} (${input.order.reference})`.slice(0, 250),
        amount: input.order.amount,
        currency: { iso: input.order.currency },
        callback_url: input.returnUrl,
        customer: {
          firstname: input.customer.firstName,
          lastname: input.customer.lastName,
          email: input.customer.email,
          ...(input.phone ? { phone_number: splitPhone(input.phone) } : {}),
        },
        custom_metadata: { order_id: input.order.id, order_reference: input.order.reference },
      })) as unknown as FedaPayTransactionLike;
      const { token, url } = await tx.generateToken();
      let pushed = false;
      if (input.phone && input.mobileMode) {
        // Mobile money without leaving the site: the operator pushes the request to the handset.
        await tx.sendNowWithToken(input.mobileMode, token, { phone_number: splitPhone(input.phone) });
        pushed = true;
      }
      return { status: 'pending', providerReference: String(tx.id), redirectUrl: pushed ? null : url, pushed };
    },
    async fetch(reference: string): Promise<ProviderTransaction> {
      const tx = (await Transaction.retrieve(reference)) as unknown as FedaPayTransactionLike;
      return {
        outcome: fedapayOutcome(tx.status),
        status: tx.status,
        amount: Number(tx.amount),
        currency: tx.currency?.iso ?? null,
      };
    },
    verifyWebhook(rawBody: string, header: string | undefined): VerifiedWebhook {
      if (!header) throw new WebhookSignatureError('Missing X-FEDAPAY-SIGNATURE header');
      let event: { id?: unknown; name?: unknown; entity?: { id?: unknown } };
      try {
        event = Webhook.constructEvent(rawBody, header, config.webhookSecret) as typeof event;
      } catch (err) {
        throw new WebhookSignatureError((err as Error).message);
      }
      const entityId = event.entity?.id;
      return {
        // Events carry an id; when one does not, the signed body itself identifies the delivery.
        eventId:
          event.id !== undefined && event.id !== null
            ? String(event.id)
            : `sha256:${createHash('sha256').update(rawBody).digest('hex')}`,
        eventType: typeof event.name === 'string' ? event.name.slice(0, 50) : 'unknown',
        transactionId: entityId !== undefined && entityId !== null ? String(entityId) : null,
      };
    },
    // The SDK has no refund call: a refund is recorded here and made in the FedaPay dashboard.
  };
}
