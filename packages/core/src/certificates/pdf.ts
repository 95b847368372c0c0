// The certificate PDF: pdfmake 0.3 (server instance API), Roboto (covers French accents), A4
// landscape, with a QR code of the public verification URL (drawn as vector rectangles).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { CanvasElement, Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import QRCode from 'qrcode';

const require = createRequire(import.meta.url);

interface PdfMakeServer {
  virtualfs: { writeFileSync(name: string, data: Buffer): void };
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (p: string) => boolean): void;
  createPdf(doc: TDocumentDefinitions): { getBuffer(): Promise<Buffer> };
}

let instance: PdfMakeServer | null = null;

/**
 * pdfmake's instance, configured once: fonts loaded into its virtual file system (read from disk a
 * single time; resolved from pdfmake's own package.json, which survives bundling), no remote URLs
 * and no local files at all.
 */
function pdfmake(): PdfMakeServer {
  if (instance) return instance;
  memoizeFontParsing();
  const pm = require('pdfmake') as PdfMakeServer;
  const fontDir = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
  const files = { normal: 'Roboto-Regular.ttf', bold: 'Roboto-Medium.ttf', italics: 'Roboto-Italic.ttf', bolditalics: 'Roboto-MediumItalic.ttf' };
  for (const f of Object.values(files)) pm.virtualfs.writeFileSync(f, readFileSync(path.join(fontDir, f)));
  pm.setFonts({ Roboto: files });
  pm.setUrlAccessPolicy(() => false);
  pm.setLocalAccessPolicy(() => false);
  instance = pm;
  return pm;
}

/**
 * pdfkit parses every font file again for every document (fontkit.create on the same bytes), which
 * was two thirds of a certificate's rendering time. Before pdfkit is loaded, the fontkit module it
 * will require is swapped in the require cache for a copy whose `create` remembers the parsed font
 * per buffer (our fonts are four buffers held for the life of the process). Fonts are only read.
 */
function memoizeFontParsing(): void {
  const pdfmakeDir = path.dirname(require.resolve('pdfmake/package.json'));
  const fromPdfkit = createRequire(require.resolve('pdfkit', { paths: [pdfmakeDir] }));
  const fontkitPath = fromPdfkit.resolve('fontkit');
  const real = fromPdfkit('fontkit') as { create(buf: Uint8Array, name?: string): unknown };
  const parsed = new WeakMap<Uint8Array, unknown>();
  const wrapped = Object.assign({}, real, {
    create(buf: Uint8Array, name?: string) {
      if (name) return real.create(buf, name);
      let font = parsed.get(buf);
      if (!font) parsed.set(buf, (font = real.create(buf)));
      return font;
    },
  });
  const cached = require.cache[fontkitPath];
  if (cached) cached.exports = wrapped;
}

export interface CertificatePdfData {
  holderName: string;
  courseTitle: string;
  instructorName: string;
  /** Already formatted in the holder's language and the platform's time zone. */
  issuedOn: string;
  number: string;
  verifyUrl: string;
  /** The id of the certificate's verifiable credential (Open Badges 3.0), printed under the QR code. */
  credentialId?: string;
  locale: 'fr' | 'en';
}

const TEXT = {
  fr: {
    title: 'CERTIFICAT DE RÉUSSITE',
    awarded: 'décerné à',
    for: 'pour avoir suivi avec succès le cours',
    instructor: 'Formateur',
    issued: 'Délivré le',
    number: 'Certificat n°',
    verify: 'Vérifiez l’authenticité de ce certificat :',
    credential: 'Justificatif numérique (Open Badges 3.0) :',
  },
  en: {
    title: 'CERTIFICATE OF COMPLETION',
    awarded: 'awarded to',
    for: 'for successfully completing the course',
    instructor: 'Instructor',
    issued: 'Issued on',
    number: 'Certificate no.',
    verify: 'Check this certificate is genuine:',
    credential: 'Digital credential (Open Badges 3.0):',
  },
} as const;

const GREEN = '#1f7a4d';
const GOLD = '#b8860b';

/** QR code size on the page, in points (quiet zone included). */
const QR_SIZE = 120;
/** Quiet zone around the code, in modules (the standard asks for 4; the page around it is white too). */
const QR_MARGIN = 2;

/**
 * The QR code of `url` as vector rectangles for a pdfmake canvas: one filled rectangle per run of
 * dark modules in a row. No PNG to encode, embed and decode (it was a sixth of the rendering), and
 * sharp at any print size.
 */
export function qrCanvas(url: string, size = QR_SIZE): CanvasElement[] {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  const unit = size / (n + 2 * QR_MARGIN);
  const rects: CanvasElement[] = [];
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && modules.get(row, col)) col++;
      rects.push({
        type: 'rect',
        x: (QR_MARGIN + start) * unit,
        y: (QR_MARGIN + row) * unit,
        w: (col - start) * unit,
        // A hair taller than the module: no hairline gaps between rows in some viewers.
        h: unit + 0.05,
        color: '#000000',
      });
    }
  }
  return rects;
}

export function certificateDocument(d: CertificatePdfData, qr: CanvasElement[]): TDocumentDefinitions {
  const t = TEXT[d.locale];
  const W = 841.89;
  const H = 595.28;
  const content: Content[] = [
    { text: 'MdSC MOOC', style: 'brand' },
    { text: t.title, style: 'title' },
    { text: t.awarded, style: 'muted', margin: [0, 18, 0, 4] },
    { text: d.holderName, style: 'holder' },
    { text: t.for, style: 'muted', margin: [0, 14, 0, 4] },
    { text: d.courseTitle, style: 'course' },
    {
      margin: [0, 36, 0, 0],
      columns: [
        {
          width: '*',
          stack: [
            { text: [{ text: `${t.instructor} : `, style: 'label' }, d.instructorName] },
            { text: [{ text: `${t.issued} `, style: 'label' }, d.issuedOn], margin: [0, 6, 0, 0] },
            { text: [{ text: `${t.number} `, style: 'label' }, { text: d.number, bold: true }], margin: [0, 6, 0, 0] },
            { text: t.verify, style: 'small', margin: [0, 18, 0, 2] },
            { text: d.verifyUrl, style: 'small', color: GREEN },
            ...(d.credentialId
              ? [
                  { text: t.credential, style: 'small', margin: [0, 6, 0, 2] } as Content,
                  { text: d.credentialId, style: 'small', color: GREEN } as Content,
                ]
              : []),
          ],
        },
        { width: QR_SIZE, canvas: qr },
      ],
    },
  ];
  return {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [70, 60, 70, 50],
    info: { title: `${t.title} — ${d.number}`, author: 'MdSC MOOC', subject: d.courseTitle },
    background: () => ({
      canvas: [
        { type: 'rect', x: 20, y: 20, w: W - 40, h: H - 40, lineWidth: 3, lineColor: GREEN },
        { type: 'rect', x: 28, y: 28, w: W - 56, h: H - 56, lineWidth: 1, lineColor: GOLD },
      ],
    }),
    content,
    defaultStyle: { font: 'Roboto', fontSize: 12, color: '#222222' },
    styles: {
      brand: { fontSize: 14, bold: true, color: GREEN, alignment: 'center' },
      title: { fontSize: 30, bold: true, color: GREEN, alignment: 'center', margin: [0, 10, 0, 0] },
      muted: { fontSize: 13, italics: true, color: '#555555', alignment: 'center' },
      holder: { fontSize: 28, bold: true, alignment: 'center' },
      course: { fontSize: 20, bold: true, color: GOLD, alignment: 'center' },
      label: { color: '#555555' },
      small: { fontSize: 9 },
    },
  };
}

/** Renders the PDF; `timings` (if given) receives the QR code's and the whole rendering's milliseconds. */
export async function renderCertificatePdf(
  d: CertificatePdfData,
  timings?: { qrMs: number; totalMs: number },
): Promise<Buffer> {
  const t0 = performance.now();
  const qr = qrCanvas(d.verifyUrl);
  const t1 = performance.now();
  const buffer = await pdfmake().createPdf(certificateDocument(d, qr)).getBuffer();
  if (timings) {
    timings.qrMs += t1 - t0;
    timings.totalMs += performance.now() - t0;
  }
  return buffer;
}

/** Any document with the same configured pdfmake (Roboto, no remote or local file access). */
export function renderPdf(doc: TDocumentDefinitions): Promise<Buffer> {
  return pdfmake().createPdf(doc).getBuffer();
}
