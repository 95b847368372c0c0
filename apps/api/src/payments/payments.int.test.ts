// Paid courses on MariaDB with the real HTTP server and a local fake of FedaPay (testing/fake-fedapay):
// webhooks idempotent under concurrent, repeated and out-of-order delivery; forged signatures
// refused with nothing written; failed payments; atomic vouchers; the enrol guard; receipts.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Actor } from '@mdsc/core';
import { Course, Enrollment, Notification, Order, PaymentEvent, Voucher, VoucherRedemption } from '@mdsc/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeFedaPay, type FakeFedaPay } from '../testing/fake-fedapay';
import { createLearningHarness, expectTrpcError, type LearningHarness } from '../testing/learning-harness';

const SECRET = 'sk_sandbox_fake0123456789';
const WEBHOOK_SECRET = 'wh_sandbox_fake-secret';

let h: LearningHarness;
let fake: FakeFedaPay;
let http: Awaited<ReturnType<LearningHarness['http']>>;
let teacher: Actor;
let admin: Actor;

beforeAll(async () => {
  h = await createLearningHarness();
  fake = await startFakeFedaPay({ secretKey: SECRET, webhookSecret: WEBHOOK_SECRET });
  h.deps.config.payments = {
    fedapay: { secretKey: SECRET, webhookSecret: WEBHOOK_SECRET, environment: 'sandbox', apiBase: fake.base },
    transferInstructions: 'Banque de test — compte 0001',
  };
  http = await h.http();
  fake.webhookUrl = `${http.base}/api/payments/fedapay/webhook`;
  teacher = await h.user('instructor', { firstName: 'Aïcha', lastName: 'Dossou' });
  admin = await h.user('admin');
});
afterAll(async () => {
  await fake?.close();
  await h?.close();
});

async function pricedCourse(price = 15000) {
  const c = await h.course(teacher, { courseLessons: [{ title: 'Première leçon' }] });
  await Course.update({ price, currency: 'XOF' }, { where: { id: c.id } });
  return c;
}

const enrolments = (userId: number, courseId: number) => Enrollment.count({ where: { userId, courseId, isActive: true } });
const notes = async (userId: number, type: string) =>
  (await Notification.findAll({ where: { userId } })).filter((n) => (JSON.parse(n.payload) as { type: string }).type === type).length;

async function fedapayCheckout(student: Actor, courseId: number) {
  const r = await h.caller(student).payments.checkout({ courseId, method: 'fedapay' });
  expect(r.order.status).toBe('pending');
  expect(r.order.amount).toBe(15000);
  expect(r.redirectUrl).toMatch(new RegExp(`^${fake.base}/checkout/`));
  const txId = Number(r.order.providerReference);
  const tx = fake.transactions.get(txId)!;
  expect(tx).toBeDefined();
  // What the SDK sent: the amount in francs, XOF, our order in the metadata, the return page.
  expect(tx.amount).toBe(15000);
  expect(tx.currency.iso).toBe('XOF');
  expect(tx.custom_metadata.order_id).toBe(r.order.id);
  expect(tx.callback_url).toBe(`http://app.mdsc.test/payments/orders/${r.order.id}`);
  return { order: r.order, txId };
}

describe('priced course', () => {
  it('enrollments.enroll without a paid order is FORBIDDEN (payment_required)', async () => {
    const course = await pricedCourse();
    const student = await h.user();
    await expectTrpcError(h.caller(student).enrollments.enroll({ courseId: course.id }), 'FORBIDDEN', 'payment_required');
    expect(await enrolments(student.id, course.id)).toBe(0);
    // A free course is unchanged.
    const free = await h.course(teacher);
    await h.caller(student).enrollments.enroll({ courseId: free.id });
    expect(await enrolments(student.id, free.id)).toBe(1);
  });
});

describe('FedaPay webhook', () => {
  it('a paid webhook delivered 5 times, concurrently and out of order, enrols exactly once', async () => {
    const course = await pricedCourse();
    const student = await h.user();
    const { order, txId } = await fedapayCheckout(student, course.id);
    fake.setStatus(txId, 'approved');
    // Three deliveries of the approval event, one "created" and one "updated" event arriving late:
    // whatever the event says, the provider's state (approved) is what counts.
    const approved = fake.event(txId, { name: 'transaction.approved', eventId: `evt-${txId}-approved` });
    const created = fake.event(txId, { name: 'transaction.created', eventId: `evt-${txId}-created` });
    const updated = fake.event(txId, { name: 'transaction.updated', eventId: `evt-${txId}-updated` });
    const statuses = await Promise.all([updated, approved, created, approved, approved].map((d) => fake.deliver(d)));
    expect(statuses).toEqual([200, 200, 200, 200, 200]);

    const row = (await Order.findByPk(order.id))!;
    expect(row.status).toBe('paid');
    expect(row.receiptNumber).toMatch(/^R\d{4}-\d{6}$/);
    expect(await enrolments(student.id, course.id)).toBe(1);
    expect((await Course.findByPk(course.id))!.enrollmentCount).toBe(1);
    expect(await notes(student.id, 'payment_confirmed')).toBe(1);
    expect(await notes(student.id, 'enrolment')).toBe(1);
    // Each distinct event once in the log, after the checkout's order.created line.
    expect(await PaymentEvent.count({ where: { orderId: order.id, provider: 'fedapay' } })).toBe(4);
    // One receipt mail, keyed by the order.
    expect(h.enqueued.filter((j) => j.name === 'send-mail' && (j.payload as { template?: string }).template === 'payment-receipt' && (j.payload as { to?: string }).to)).toHaveLength(1);
    // Now the learner is in: learning works.
    const view = await h.caller(student).enrollments.mine();
    expect(view.map((e) => e.course.id)).toContain(course.id);
    // A second checkout for the same course is refused: nothing to buy.
    await expectTrpcError(h.caller(student).payments.checkout({ courseId: course.id, method: 'fedapay' }), 'CONFLICT');
  });

  it('a forged signature is refused with 401 and writes nothing', async () => {
    const course = await pricedCourse();
    const student = await h.user();
    const { order, txId } = await fedapayCheckout(student, course.id);
    fake.setStatus(txId, 'approved');
    const eventsBefore = await PaymentEvent.count();
    const forged = fake.event(txId, { secret: 'wh_not_the_secret' });
    expect(await fake.deliver(forged)).toBe(401);
    // A genuine body with its signature taken from another body, and no signature at all.
    const genuine = fake.event(txId);
    expect(await fake.deliver({ body: genuine.body.replace('"approved"', '"approved" '), signature: genuine.signature })).toBe(401);
    const res = await fetch(fake.webhookUrl!, { method: 'POST', headers: { 'content-type': 'application/json' }, body: genuine.body });
    expect(res.status).toBe(401);
    expect(await PaymentEvent.count()).toBe(eventsBefore);
    expect((await Order.findByPk(order.id))!.status).toBe('pending');
    expect(await enrolments(student.id, course.id)).toBe(0);
  });

  it('a failed payment does not enrol; the learner is told and can try again', async () => {
    const course = await pricedCourse();
    const student = await h.user();
    const { order, txId } = await fedapayCheckout(student, course.id);
    fake.setStatus(txId, 'declined');
    expect(await fake.deliver(fake.event(txId))).toBe(200);
    expect((await Order.findByPk(order.id))!.status).toBe('failed');
    expect(await enrolments(student.id, course.id)).toBe(0);
    expect(await notes(student.id, 'payment_failed')).toBe(1);
    // A later "approved" claim for a declined transaction changes nothing: FedaPay says declined.
    expect(await fake.deliver(fake.event(txId, { name: 'transaction.approved' }))).toBe(200);
    expect(await enrolments(student.id, course.id)).toBe(0);
    // Second attempt with a mobile-money push, paid; the return page's polling sees it without webhook.
    const again = await h.caller(student).payments.checkout({ courseId: course.id, method: 'fedapay', phone: '+229 97000001', mobileMode: 'mtn_open' });
    expect(again.pushed).toBe(true);
    expect(fake.transactions.get(Number(again.order.providerReference))!.mode).toBe('mtn_open');
    fake.setStatus(Number(again.order.providerReference), 'approved');
    const polled = await h.caller(student).payments.order({ orderId: again.order.id });
    expect(polled.status).toBe('paid');
    expect(await enrolments(student.id, course.id)).toBe(1);
  });
});

describe('vouchers', () => {
  it('a 3-use voucher redeemed by 10 concurrent learners gives exactly 3 enrolments', async () => {
    const course = await pricedCourse();
    const v = await h.caller(teacher).payments.createVoucher({ courseId: course.id, kind: 'full', maxUses: 3, sponsorName: 'ONG Lumière' });
    const learners = await Promise.all(Array.from({ length: 10 }, () => h.user()));
    const results = await Promise.allSettled(
      learners.map((l) => h.caller(l).payments.checkout({ courseId: course.id, method: 'voucher', voucherCode: v.code })),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    expect(ok).toHaveLength(3);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as { code: string }).code).toBe('BAD_REQUEST');
    expect(await Enrollment.count({ where: { courseId: course.id, isActive: true } })).toBe(3);
    expect((await Voucher.findByPk(v.id))!.usedCount).toBe(3);
    expect(await VoucherRedemption.count({ where: { voucherId: v.id } })).toBe(3);
    expect(await Order.count({ where: { courseId: course.id, status: 'paid', provider: 'voucher', amount: 0 } })).toBe(3);
    // The sponsor report names the three learners.
    const report = await h.caller(teacher).payments.sponsorReport({ voucherId: v.id });
    expect(report).toHaveLength(3);
    expect(report.every((r) => r.sponsorName === 'ONG Lumière' && r.amountCovered === 15000)).toBe(true);
  });

  it('a percentage voucher lowers the amount; instructors cannot make codes for others’ courses', async () => {
    const course = await pricedCourse();
    const v = await h.caller(admin).payments.createVoucher({ courseId: null, kind: 'percent', percentOff: 40, maxUses: 5, sponsorName: 'Fondation X' });
    const student = await h.user();
    const r = await h.caller(student).payments.checkout({ courseId: course.id, method: 'transfer', voucherCode: v.code.toLowerCase() });
    expect(r.order).toMatchObject({ listAmount: 15000, discountAmount: 6000, amount: 9000, provider: 'transfer', status: 'pending' });
    expect(r.transferInstructions).toBe('Banque de test — compte 0001');
    const other = await h.user('instructor');
    await expectTrpcError(
      h.caller(other).payments.createVoucher({ courseId: course.id, kind: 'full', maxUses: 1, sponsorName: 'Moi' }),
      'FORBIDDEN',
    );
  });
});

describe('manual transfer, refund, receipt', () => {
  it('admin confirms the transfer (enrols, receipt PDF), then refunds (enrolment ends)', async () => {
    const course = await pricedCourse();
    const student = await h.user('student', { firstName: 'Koffi', lastName: 'Mensah' });
    const { order } = await h.caller(student).payments.checkout({ courseId: course.id, method: 'transfer' });
    expect(await enrolments(student.id, course.id)).toBe(0);
    await expectTrpcError(h.caller(student).payments.confirmTransfer({ orderId: order.id, transferReference: 'VIR-1' }), 'FORBIDDEN');
    const paid = await h.caller(admin).payments.confirmTransfer({ orderId: order.id, transferReference: 'VIR-2026-0042' });
    expect(paid.status).toBe('paid');
    expect(await enrolments(student.id, course.id)).toBe(1);

    // The receipt: to its owner, not to another learner.
    const other = await h.user();
    const get = async (actor: Actor) =>
      fetch(`${http.base}/api/payments/receipts/${order.id}.pdf`, { headers: { authorization: `Bearer ${await http.bearer(actor)}` } });
    expect((await get(other)).status).toBe(404);
    const res = await get(student);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'receipt-'));
    const file = path.join(dir, 'r.pdf');
    fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/[\u00a0\u202f]/g, ' ');
    expect(text).toContain('REÇU DE PAIEMENT');
    expect(text).toContain('15 000 F CFA');
    expect(text).toContain(paid.receiptNumber!);
    expect(text).toContain('Koffi Mensah');
    expect(text).toContain(course.title);
    expect(text).toContain('VIR-2026-0042');
    expect(text).not.toMatch(/15 000[.,]00/);

    const refunded = await h.caller(admin).payments.refund({ orderId: order.id, reason: 'Erreur de cours' });
    expect(refunded.status).toBe('refunded');
    expect(await enrolments(student.id, course.id)).toBe(0);
    expect(await notes(student.id, 'payment_refunded')).toBe(1);
    const revenue = await h.caller(admin).payments.revenue({ courseId: course.id });
    expect(revenue).toEqual([]);
  });

  it('revenue per course and month counts paid orders; instructors see only their own courses', async () => {
    const course = await pricedCourse(20000);
    const student = await h.user();
    const { order } = await h.caller(student).payments.checkout({ courseId: course.id, method: 'transfer' });
    await h.caller(admin).payments.confirmTransfer({ orderId: order.id, transferReference: 'VIR-9' });
    const month = new Date().toISOString().slice(0, 7);
    const rows = await h.caller(admin).payments.revenue({ courseId: course.id });
    expect(rows).toEqual([{ courseId: course.id, courseTitle: course.title, month, currency: 'XOF', orders: 1, revenue: 20000 }]);
    expect((await h.caller(teacher).payments.myRevenue({})).some((r) => r.courseId === course.id)).toBe(true);
    const stranger = await h.user('instructor');
    expect(await h.caller(stranger).payments.myRevenue({})).toEqual([]);
  });
});
