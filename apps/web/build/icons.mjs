// Renders the installable app's PNG icons (committed under public/icons/) from the SVG sources:
// the favicon (rounded square) at 192/512 px, and a full-bleed maskable variant whose mark sits in
// the central safe zone. Run again after changing an SVG:
//   node apps/web/build/icons.mjs   (sharp is resolved from packages/core, which depends on it)
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sharp = createRequire(path.join(web, '../../packages/core/package.json'))('sharp');
const out = (name) => path.join(web, 'public/icons', name);
const render = (svg, size, name) =>
  sharp(path.join(web, svg), { density: 1200 }).resize(size, size).png().toFile(out(name));

await Promise.all([
  render('public/favicon.svg', 192, 'icon-192.png'),
  render('public/favicon.svg', 512, 'icon-512.png'),
  render('public/icons/maskable.svg', 192, 'maskable-192.png'),
  render('public/icons/maskable.svg', 512, 'maskable-512.png'),
  render('public/icons/maskable.svg', 180, 'apple-touch-icon.png'),
]);
