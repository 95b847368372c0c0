// Provider notifications. A webhook is believed only once its signature holds over the raw body,
// and even then only as a hint: the transaction's state is asked of the provider, so deliveries
// repeated, concurrent or out of order all converge on the provider's truth. Each event is
// recorded once (unique provider + event id); the order moves by conditional UPDATE, so exactly
// one delivery pays and enrols.
import { Order } from '@mdsc/db';
import type { Transaction } from 'sequelize';
import { transact } from '../transaction';
import { fedapayDriver } from './drivers';
import type { ProviderTransaction } from './provider';
import { WebhookSignatureError } from './provider';
import { markOrderFailed, markOrderPaid, markOrderRefunded, recordPaymentEvent, type PaymentDeps } from './orders';

export type WebhookResult = 'processed' | 'duplicate' | 'unknown_transaction' | 'ignored';

/** Moves an order to what the provider says of its transaction (idempotent). */
export async function applyProviderState(
  deps: PaymentDeps,
  order: Pick<Order, 'id' | 'amount' | 'currency' | 'status'>,
  tx: ProviderTransaction,
  transaction: Transaction,
): Promise<boolean> {
  if (tx.outcome === 'paid') {
    if (tx.amount !== order.amount || (tx.currency && tx.currency !== order.currency)) {
      deps.logger.error({ orderId: order.id, expected: order.amount, got: tx.amount }, 'payments: amount mismatch, order not paid');
      await Order.update({ note: `Amount mismatch: provider says ${tx.amount} ${tx.currency ?? ''}` }, { where: { id: order.id }, transaction });
      return false;
    }
    return markOrderPaid(deps, order.id, {}, transaction);
  }
  if (tx.outcome === 'failed') return markOrderFailed(deps, order.id, { status: 'failed', reason: `Payment ${tx.status}` }, transaction);
  if (tx.outcome === 'refunded') return markOrderRefunded(deps, order.id, { reason: 'Refunded at the provider' }, transaction);
  return false;
}

/**
 * The FedaPay webhook. Throws WebhookSignatureError (→ 401) before anything is written when the
 * signature does not hold or FedaPay is not configured here.
 */
export async function handleFedaPayWebhook(
  deps: PaymentDeps,
  rawBody: string,
  signature: string | undefined,
): Promise<WebhookResult> {
  const driver = fedapayDriver(deps.config);
  if (!driver?.verifyWebhook || !driver.fetch) throw new WebhookSignatureError('FedaPay is not configured');
  const event = driver.verifyWebhook(rawBody, signature);
  if (!event.transactionId) {
    await transact(deps, 'payments.webhook', (t) =>
      recordPaymentEvent({ orderId: null, provider: 'fedapay', eventId: event.eventId, eventType: event.eventType, payload: rawBody }, t),
    );
    return 'ignored';
  }
  // Network first (outside the transaction): a provider that does not answer makes this delivery
  // fail (5xx), and FedaPay delivers it again later.
  const state = await driver.fetch(event.transactionId);
  return transact(deps, 'payments.webhook', async (t) => {
    const order = await Order.findOne({
      attributes: ['id', 'amount', 'currency', 'status'],
      where: { provider: 'fedapay', providerReference: event.transactionId },
      transaction: t,
    });
    const fresh = await recordPaymentEvent(
      { orderId: order?.id ?? null, provider: 'fedapay', eventId: event.eventId, eventType: event.eventType, payload: rawBody },
      t,
    );
    if (!fresh) return 'duplicate';
    if (!order) return 'unknown_transaction';
    await applyProviderState(deps, order, state, t);
    return 'processed';
  });
}

/**
 * The return page polls the order: a pending FedaPay order is checked with the provider too, so a
 * payer sees the result even before (or without) the webhook. Recorded once per provider status.
 */
export async function syncFedaPayOrder(deps: PaymentDeps, orderId: number): Promise<void> {
  const driver = fedapayDriver(deps.config);
  const order = await Order.findByPk(orderId, { attributes: ['id', 'amount', 'currency', 'status', 'provider', 'providerReference'] });
  if (!driver?.fetch || !order || order.status !== 'pending' || order.provider !== 'fedapay' || !order.providerReference) return;
  let state: ProviderTransaction;
  try {
    state = await driver.fetch(order.providerReference);
  } catch (err) {
    deps.logger.warn({ err, orderId }, 'payments: FedaPay status check failed');
    return;
  }
  if (state.outcome === 'pending') return;
  await transact(deps, 'payments.sync', async (t) => {
    const fresh = await recordPaymentEvent(
      { orderId, provider: 'fedapay', eventId: `sync:${order.providerReference}:${state.status}`, eventType: `sync.${state.status}` },
      t,
    );
    if (fresh) await applyProviderState(deps, order, state, t);
  });
}
