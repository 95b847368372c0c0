import { describe, expect, it } from 'vitest';
import { checkoutInput, formatMoney, voucherCreateInput } from './payments';

describe('formatMoney', () => {
  it('writes XOF without decimals, French grouping', () => {
    expect(formatMoney(15000, 'XOF').replace(/\u00a0/g, ' ')).toBe('15 000 F CFA');
    expect(formatMoney(1250000, 'XOF').replace(/\u00a0/g, ' ')).toBe('1 250 000 F CFA');
    expect(formatMoney(500, 'XOF').replace(/\u00a0/g, ' ')).toBe('500 F CFA');
    expect(formatMoney(15000, 'XOF', 'en').replace(/\u00a0/g, ' ')).toBe('15,000 F CFA');
  });
});

describe('payment inputs', () => {
  it('upper-cases voucher codes and refuses odd ones', () => {
    expect(checkoutInput.parse({ courseId: 1, method: 'voucher', voucherCode: ' ong-2026 ' }).voucherCode).toBe('ONG-2026');
    expect(checkoutInput.safeParse({ courseId: 1, method: 'voucher', voucherCode: 'a b' }).success).toBe(false);
  });
  it('needs a percentage for a percentage voucher', () => {
    const r = voucherCreateInput.safeParse({ courseId: null, kind: 'percent', maxUses: 3, sponsorName: 'ONG' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['percentOff']);
  });
});
