// Achievement images (PNG, rendered from SVG with sharp): a medal in the badge's tier colour or
// the platform's green for course certificates. Shapes only, no text: server fonts vary.
import sharp from 'sharp';

const COLORS: Record<string, string> = {
  bronze: '#B0703A',
  silver: '#8A949E',
  gold: '#C99A18',
  legendary: '#7C3AED',
  certificate: '#1f7a4d',
};
export const ACHIEVEMENT_IMAGE_SIZE = 256;

function star(cx: number, cy: number, outer: number, inner: number): string {
  const pts: string[] = [];
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? outer : inner;
    const a = (Math.PI / 5) * i - Math.PI / 2;
    pts.push(`${(cx + r * Math.cos(a)).toFixed(1)},${(cy + r * Math.sin(a)).toFixed(1)}`);
  }
  return pts.join(' ');
}

export function achievementSvg(variant: string): string {
  const c = COLORS[variant] ?? COLORS.certificate;
  const s = ACHIEVEMENT_IMAGE_SIZE;
  const h = s / 2;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${s}" height="${s}" viewBox="0 0 ${s} ${s}">
  <circle cx="${h}" cy="${h}" r="${h - 6}" fill="${c}"/>
  <circle cx="${h}" cy="${h}" r="${h - 22}" fill="none" stroke="#ffffff" stroke-width="6"/>
  <polygon points="${star(h, h, h * 0.5, h * 0.22)}" fill="#ffffff"/>
</svg>`;
}

const cache = new Map<string, Promise<Buffer>>();

/** The PNG of an achievement variant (`certificate` or a badge tier); rendered once per process. */
export function achievementPng(variant: string): Promise<Buffer> {
  const key = COLORS[variant] ? variant : 'certificate';
  let p = cache.get(key);
  if (!p) {
    p = sharp(Buffer.from(achievementSvg(key)))
      .png({ compressionLevel: 9 })
      .toBuffer();
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
}
