// The payment drivers of this process, from its configuration: FedaPay only when configured.
import type { PaymentMethod } from '@mdsc/validators';
import type { CoreConfig } from '../deps';
import { createFedaPayDriver, type FedaPayConfig } from './fedapay';
import { transferDriver, voucherDriver, type PaymentDriver } from './provider';

export interface PaymentsConfig {
  /** Absent or null: FedaPay is off and its method is hidden. */
  fedapay?: FedaPayConfig | null;
  /** Bank details shown with the manual-transfer instructions (free text). */
  transferInstructions?: string | null;
}

const cache = new WeakMap<FedaPayConfig, PaymentDriver>();

export function fedapayDriver(config: Pick<CoreConfig, 'payments'>): PaymentDriver | null {
  const fp = config.payments?.fedapay;
  if (!fp) return null;
  let d = cache.get(fp);
  if (!d) cache.set(fp, (d = createFedaPayDriver(fp)));
  return d;
}

export function driverFor(config: Pick<CoreConfig, 'payments'>, method: PaymentMethod): PaymentDriver | null {
  if (method === 'fedapay') return fedapayDriver(config);
  return method === 'transfer' ? transferDriver : voucherDriver;
}

/** The methods a learner can choose here (FedaPay only when configured). */
export function availableMethods(config: Pick<CoreConfig, 'payments'>): PaymentMethod[] {
  return [...(fedapayDriver(config) ? (['fedapay'] as const) : []), 'transfer', 'voucher'];
}
