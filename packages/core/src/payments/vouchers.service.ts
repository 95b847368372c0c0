// Sponsor vouchers: created by an admin (any course) or a course's instructor (own courses only),
// and the sponsor report (who used which code, for which course, when).
import { randomInt } from 'node:crypto';
import { Course, Order, User, Voucher, VoucherRedemption } from '@mdsc/db';
import type { VoucherCreateInput } from '@mdsc/validators';
import { Op, UniqueConstraintError } from 'sequelize';
import { toIso } from '../catalog/access';
import type { Actor } from '../deps';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import type { PaymentDeps } from './orders';

export interface VoucherDto {
  id: number;
  code: string;
  courseId: number | null;
  courseTitle: string | null;
  kind: 'full' | 'percent';
  percentOff: number | null;
  maxUses: number;
  usedCount: number;
  expiresAt: string | null;
  sponsorName: string;
  isActive: boolean;
  createdAt: string;
}

function toDto(v: Voucher): VoucherDto {
  return {
    id: v.id,
    code: v.code,
    courseId: v.courseId,
    courseTitle: v.course?.title ?? null,
    kind: v.kind,
    percentOff: v.percentOff,
    maxUses: v.maxUses,
    usedCount: v.usedCount,
    expiresAt: toIso(v.expiresAt),
    sponsorName: v.sponsorName,
    isActive: v.isActive,
    createdAt: toIso(v.createdAt)!,
  };
}

const COURSE = { model: Course, as: 'course', attributes: ['id', 'title', 'instructorId'], paranoid: false };

async function assertMayManage(actor: Actor, courseId: number | null): Promise<void> {
  if (actor.role === 'admin') return;
  if (actor.role !== 'instructor') throw new ForbiddenError('Only administrators and instructors manage vouchers');
  if (courseId === null) throw new ValidationError('courseId', 'Choose one of your courses (only administrators create codes for any course)');
  const course = await Course.findByPk(courseId, { attributes: ['id', 'instructorId'] });
  if (!course) throw new NotFoundError('Course', { id: courseId });
  if (course.instructorId !== actor.id) throw new ForbiddenError('You may only create codes for your own courses');
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
function generateCode(): string {
  let s = '';
  for (let i = 0; i < 10; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}

export async function createVoucher(_deps: PaymentDeps, actor: Actor, input: VoucherCreateInput): Promise<VoucherDto> {
  await assertMayManage(actor, input.courseId);
  try {
    const v = await Voucher.create({
      code: input.code ?? generateCode(),
      courseId: input.courseId,
      kind: input.kind,
      percentOff: input.kind === 'percent' ? (input.percentOff ?? null) : null,
      maxUses: input.maxUses,
      expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
      sponsorName: input.sponsorName,
      createdBy: actor.id,
    });
    return toDto((await Voucher.findByPk(v.id, { include: [COURSE] }))!);
  } catch (err) {
    if (err instanceof UniqueConstraintError) throw new ConflictError('This code exists already', { field: 'code' });
    throw err;
  }
}

async function loadManaged(actor: Actor, id: number): Promise<Voucher> {
  const v = await Voucher.findByPk(id, { include: [COURSE] });
  if (!v) throw new NotFoundError('Voucher', { id });
  if (actor.role !== 'admin' && (actor.role !== 'instructor' || v.course?.instructorId !== actor.id)) {
    throw new NotFoundError('Voucher', { id });
  }
  return v;
}

export async function updateVoucher(
  _deps: PaymentDeps,
  actor: Actor,
  input: { id: number; maxUses?: number; expiresAt?: string | null; sponsorName?: string; isActive?: boolean },
): Promise<VoucherDto> {
  const v = await loadManaged(actor, input.id);
  if (input.maxUses !== undefined && input.maxUses < v.usedCount) {
    throw new ValidationError('maxUses', `Already used ${v.usedCount} times: the limit cannot go below that`);
  }
  await Voucher.update(
    {
      ...(input.maxUses !== undefined ? { maxUses: input.maxUses } : {}),
      ...(input.expiresAt !== undefined ? { expiresAt: input.expiresAt ? new Date(input.expiresAt) : null } : {}),
      ...(input.sponsorName !== undefined ? { sponsorName: input.sponsorName } : {}),
      ...(input.isActive !== undefined ? { isActive: input.isActive } : {}),
    },
    // used_count in the condition: a concurrent redemption cannot slip past a lowered limit.
    { where: { id: v.id, ...(input.maxUses !== undefined ? { usedCount: { [Op.lte]: input.maxUses } } : {}) } },
  );
  return toDto((await Voucher.findByPk(v.id, { include: [COURSE] }))!);
}

/** Admin: every code; instructor: the codes of own courses. */
export async function listVouchers(_deps: PaymentDeps, actor: Actor, courseId?: number): Promise<VoucherDto[]> {
  if (actor.role !== 'admin' && actor.role !== 'instructor') throw new ForbiddenError('Only administrators and instructors manage vouchers');
  const rows = await Voucher.findAll({
    where: courseId ? { courseId } : {},
    include: [{ ...COURSE, ...(actor.role === 'admin' ? {} : { where: { instructorId: actor.id }, required: true }) }],
    order: [['id', 'DESC']],
    limit: 500,
  });
  return rows.map(toDto);
}

export interface SponsorReportRow {
  voucherCode: string;
  sponsorName: string;
  learnerName: string;
  learnerEmail: string;
  courseTitle: string;
  orderReference: string;
  orderStatus: string;
  amountCovered: number;
  currency: string;
  redeemedAt: string;
}

/** Who used the codes (of one voucher, or of every code of a sponsor). */
export async function sponsorReport(
  _deps: PaymentDeps,
  actor: Actor,
  input: { voucherId?: number; sponsorName?: string },
): Promise<SponsorReportRow[]> {
  if (input.voucherId) await loadManaged(actor, input.voucherId);
  else if (actor.role !== 'admin') throw new ForbiddenError('Only administrators see every code of a sponsor');
  const rows = await VoucherRedemption.findAll({
    include: [
      {
        model: Voucher,
        as: 'voucher',
        attributes: ['id', 'code', 'sponsorName'],
        where: input.voucherId ? { id: input.voucherId } : input.sponsorName ? { sponsorName: input.sponsorName } : {},
      },
      { model: User, as: 'user', attributes: ['firstName', 'lastName', 'email'] },
      { model: Course, as: 'course', attributes: ['title'], paranoid: false },
      { model: Order, as: 'order', attributes: ['reference', 'status', 'discountAmount', 'currency'] },
    ],
    order: [['id', 'DESC']],
    limit: 2000,
  });
  return rows.map((r) => ({
    voucherCode: r.voucher?.code ?? '',
    sponsorName: r.voucher?.sponsorName ?? '',
    learnerName: `${r.user?.firstName ?? ''} ${r.user?.lastName ?? ''}`.trim(),
    learnerEmail: r.user?.email ?? '',
    courseTitle: r.course?.title ?? '',
    orderReference: r.order?.reference ?? '',
    orderStatus: r.order?.status ?? '',
    amountCovered: r.order?.discountAmount ?? 0,
    currency: r.order?.currency ?? 'XOF',
    redeemedAt: toIso(r.createdAt)!,
  }));
}
