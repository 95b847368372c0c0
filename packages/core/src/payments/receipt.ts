// The receipt of a paid order: a PDF (pdfmake, the certificates' fonts), amounts in XOF without
// decimals, rendered on demand (it is small and always reflects the order's state).
import { formatMoney, type Locale } from '@mdsc/validators';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { renderPdf } from '../certificates/pdf';
import type { Actor } from '../deps';
import { NotFoundError } from '../errors';
import { loadOrder, methodLabel, toOrderDto, type OrderDto, type PaymentDeps } from './orders';

const TEXT = {
  fr: {
    title: 'REÇU DE PAIEMENT',
    number: 'Reçu n°',
    order: 'Commande',
    date: 'Date du paiement',
    payer: 'Payé par',
    course: 'Cours',
    price: 'Prix du cours',
    discount: 'Réduction (bon)',
    paid: 'Montant payé',
    method: 'Moyen de paiement',
    ref: 'Référence du paiement',
    refunded: 'REMBOURSÉ le',
    footer: 'MdSC MOOC — Maison de la Société Civile. Reçu émis électroniquement.',
  },
  en: {
    title: 'PAYMENT RECEIPT',
    number: 'Receipt no.',
    order: 'Order',
    date: 'Payment date',
    payer: 'Paid by',
    course: 'Course',
    price: 'Course price',
    discount: 'Discount (voucher)',
    paid: 'Amount paid',
    method: 'Payment method',
    ref: 'Payment reference',
    refunded: 'REFUNDED on',
    footer: 'MdSC MOOC — Maison de la Société Civile. Receipt issued electronically.',
  },
} as const;

export function receiptDocument(o: OrderDto, locale: Locale, timezone: string): TDocumentDefinitions {
  const t = TEXT[locale];
  const date = (iso: string | null) =>
    iso ? new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: timezone }).format(new Date(iso)) : '';
  const money = (n: number) => formatMoney(n, o.currency, locale);
  const rows: [string, string][] = [
    [t.number, o.receiptNumber ?? ''],
    [t.order, o.reference],
    [t.date, date(o.paidAt)],
    [t.payer, `${o.buyer.name} <${o.buyer.email}>`],
    [t.course, o.courseTitle],
    [t.price, money(o.listAmount)],
    ...(o.discountAmount > 0 ? ([[t.discount, `- ${money(o.discountAmount)}${o.voucherCode ? ` (${o.voucherCode})` : ''}`]] as [string, string][]) : []),
    [t.paid, money(o.amount)],
    [t.method, methodLabel(o.provider, locale)],
    [t.ref, o.providerReference ?? o.reference],
  ];
  const content: Content[] = [
    { text: 'MdSC MOOC', style: 'brand' },
    { text: t.title, style: 'title' },
    {
      table: { widths: ['40%', '60%'], body: rows.map(([k, v]) => [{ text: k, style: 'key' }, { text: v, style: k === t.paid ? 'total' : 'value' }]) },
      layout: 'lightHorizontalLines',
      margin: [0, 16, 0, 0],
    },
    ...(o.status === 'refunded' ? ([{ text: `${t.refunded} ${date(o.refundedAt)}`, style: 'refunded', margin: [0, 16, 0, 0] }] as Content[]) : []),
    { text: t.footer, style: 'muted', margin: [0, 32, 0, 0] },
  ];
  return {
    pageSize: 'A4',
    pageMargins: [56, 56, 56, 56],
    info: { title: `${t.title} ${o.receiptNumber ?? ''}`, author: 'MdSC MOOC' },
    content,
    defaultStyle: { font: 'Roboto', fontSize: 11 },
    styles: {
      brand: { fontSize: 14, bold: true, color: '#0f5e9c' },
      title: { fontSize: 20, bold: true, margin: [0, 8, 0, 0] },
      key: { color: '#57606a' },
      value: {},
      total: { bold: true, fontSize: 13 },
      refunded: { bold: true, color: '#b42318', fontSize: 13 },
      muted: { fontSize: 9, color: '#57606a' },
    },
  };
}

/** The receipt of an order, for its buyer or an admin (others: not found, so ids cannot be probed). */
export async function renderReceipt(
  deps: PaymentDeps,
  actor: Actor | null,
  orderId: number,
): Promise<{ pdf: Buffer; filename: string }> {
  const order = await loadOrder(orderId);
  if (!order || !actor || (order.userId !== actor.id && actor.role !== 'admin')) throw new NotFoundError('Receipt', { orderId });
  if (order.status !== 'paid' && order.status !== 'refunded') throw new NotFoundError('Receipt', { orderId });
  const dto = toOrderDto(order);
  const pdf = await renderPdf(receiptDocument(dto, actor.locale === 'en' ? 'en' : 'fr', deps.config.timezone));
  return { pdf, filename: `recu-${dto.receiptNumber ?? dto.reference}.pdf` };
}
