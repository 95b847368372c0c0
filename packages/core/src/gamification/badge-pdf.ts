// The badge PDF of one holder (pdfmake 0.3, Roboto from the pdfmake package), stored through
// deps.storage under a deterministic key, rendered by the worker's `render-badge` job and, if a
// holder asks before the job ran, on demand.
import { createRequire } from 'node:module';
import path from 'node:path';
import { UserBadge } from '@mdsc/db';
import type { Actor, CoreDeps } from '../deps';
import { ForbiddenError, NotFoundError } from '../errors';

const require = createRequire(import.meta.url);

interface PdfMake {
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (p: string) => boolean): void;
  createPdf(doc: Record<string, unknown>): { getBuffer(): Promise<Buffer> };
}

let printer: PdfMake | null = null;
function pdfmake(): PdfMake {
  if (printer) return printer;
  // Resolved from the package descriptor: pdfmake's own font paths use __dirname (breaks bundled).
  const fontDir = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
  const p = require('pdfmake') as PdfMake;
  p.setFonts({
    Roboto: {
      normal: path.join(fontDir, 'Roboto-Regular.ttf'),
      bold: path.join(fontDir, 'Roboto-Medium.ttf'),
      italics: path.join(fontDir, 'Roboto-Italic.ttf'),
      bolditalics: path.join(fontDir, 'Roboto-MediumItalic.ttf'),
    },
  });
  p.setUrlAccessPolicy(() => false);
  p.setLocalAccessPolicy((file) => path.resolve(file).startsWith(fontDir));
  printer = p;
  return p;
}

export const badgePdfKey = (userBadgeId: number) => `badges/user-badge-${userBadgeId}.pdf`;

const TIER_COLORS: Record<string, string> = { bronze: '#B0703A', silver: '#8A949E', gold: '#C99A18', legendary: '#7C3AED' };
const TEXT = {
  fr: {
    heading: 'Badge',
    awarded: 'décerné à',
    on: 'le',
    tier: { bronze: 'Bronze', silver: 'Argent', gold: 'Or', legendary: 'Légendaire' } as Record<string, string>,
  },
  en: {
    heading: 'Badge',
    awarded: 'awarded to',
    on: 'on',
    tier: { bronze: 'Bronze', silver: 'Silver', gold: 'Gold', legendary: 'Legendary' } as Record<string, string>,
  },
};

export interface BadgePdfData {
  badgeName: string;
  description: string | null;
  tier: string;
  holderName: string;
  earnedAt: Date;
  locale: 'fr' | 'en';
  timeZone: string;
}

export async function renderBadgePdfBuffer(d: BadgePdfData): Promise<Buffer> {
  const t = TEXT[d.locale];
  const color = TIER_COLORS[d.tier] ?? TIER_COLORS.bronze;
  const date = new Intl.DateTimeFormat(d.locale === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'long',
    timeZone: d.timeZone,
  }).format(d.earnedAt);
  const doc = {
    pageSize: 'A5',
    pageOrientation: 'landscape',
    pageMargins: [40, 36, 40, 36],
    info: { title: `${t.heading} — ${d.badgeName}`, author: 'MdSC MOOC', creator: 'MdSC MOOC' },
    defaultStyle: { font: 'Roboto', fontSize: 12, color: '#1f2937' },
    background: () => ({
      canvas: [{ type: 'rect', x: 14, y: 14, w: 567, h: 391, r: 10, lineWidth: 3, lineColor: color }],
    }),
    content: [
      { text: 'MdSC MOOC', alignment: 'center', color: '#1f7a4d', bold: true, fontSize: 14 },
      { text: t.heading.toUpperCase(), alignment: 'center', fontSize: 10, characterSpacing: 3, margin: [0, 4, 0, 12] },
      {
        canvas: [
          { type: 'ellipse', x: 257, y: 34, r1: 34, r2: 34, color, lineColor: '#ffffff', lineWidth: 3 },
          { type: 'ellipse', x: 257, y: 34, r1: 22, r2: 22, lineColor: '#ffffff', lineWidth: 2 },
        ],
        margin: [0, 0, 0, 8],
      },
      { text: d.badgeName, alignment: 'center', fontSize: 26, bold: true, margin: [0, 6, 0, 2] },
      { text: t.tier[d.tier] ?? d.tier, alignment: 'center', color, bold: true, margin: [0, 0, 0, 8] },
      d.description ? { text: d.description, alignment: 'center', italics: true, margin: [30, 0, 30, 12] } : {},
      { text: t.awarded, alignment: 'center', fontSize: 10, color: '#6b7280' },
      { text: d.holderName, alignment: 'center', fontSize: 18, bold: true, margin: [0, 2, 0, 4] },
      { text: `${t.on} ${date}`, alignment: 'center', fontSize: 10, color: '#6b7280' },
    ],
  };
  return pdfmake().createPdf(doc).getBuffer();
}

async function loadUserBadge(userBadgeId: number) {
  return UserBadge.findByPk(userBadgeId, {
    include: [
      { association: 'badge', attributes: ['id', 'name', 'description', 'tier'] },
      { association: 'user', attributes: ['id', 'firstName', 'lastName', 'language'], paranoid: false },
    ],
  });
}

/** The `render-badge` job: renders and stores one holder's PDF (overwrites: safe to run twice). */
export async function renderUserBadgePdf(deps: CoreDeps, userBadgeId: number): Promise<{ key: string; bytes: number } | null> {
  const ub = await loadUserBadge(userBadgeId);
  if (!ub?.badge || !ub.user) return null; // revoked or deleted meanwhile: nothing to render
  const buffer = await renderBadgePdfBuffer({
    badgeName: ub.badge.name,
    description: ub.badge.description ?? null,
    tier: ub.badge.tier,
    holderName: `${ub.user.firstName} ${ub.user.lastName}`,
    earnedAt: ub.earnedAt,
    locale: ub.user.language === 'en' ? 'en' : 'fr',
    timeZone: deps.config.timezone,
  });
  const key = badgePdfKey(userBadgeId);
  await deps.storage.put(key, buffer, { contentType: 'application/pdf' });
  return { key, bytes: buffer.length };
}

/** Only the holder (or an admin) may see a holder's badge PDF. */
async function authorizeUserBadge(actor: Actor, userBadgeId: number) {
  const ub = await UserBadge.findByPk(userBadgeId, {
    include: [{ association: 'badge', attributes: ['id', 'name'] }],
  });
  if (!ub) throw new NotFoundError('Badge', { userBadgeId });
  if (ub.userId !== actor.id && actor.role !== 'admin') throw new ForbiddenError('Not your badge');
  return ub;
}

/** Where the holder downloads the PDF (served by the API's /api/badges/:id/pdf route). */
export async function badgePdfUrl(_deps: CoreDeps, actor: Actor, input: { userBadgeId: number }): Promise<{ url: string }> {
  await authorizeUserBadge(actor, input.userBadgeId);
  return { url: `/api/badges/${input.userBadgeId}/pdf` };
}

/** For the download route: the stored PDF's key (rendered now if the job has not run yet). */
export async function openBadgePdf(
  deps: CoreDeps,
  actor: Actor,
  userBadgeId: number,
): Promise<{ key: string; filename: string }> {
  const ub = await authorizeUserBadge(actor, userBadgeId);
  const key = badgePdfKey(userBadgeId);
  if (!(await deps.storage.stat(key))) await renderUserBadgePdf(deps, userBadgeId);
  const slug = (ub.badge?.name ?? 'badge')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
  return { key, filename: `badge-${slug || 'mdsc'}.pdf` };
}
