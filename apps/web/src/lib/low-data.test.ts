import { describe, expect, it } from 'vitest';
import { connectionWantsLowData, imageSources, lowDataHtml } from './low-data';

describe('low-data mode', () => {
  it('is suggested by Save-Data and by connections no faster than 3G', () => {
    expect(connectionWantsLowData({ saveData: true, effectiveType: '4g' })).toBe(true);
    for (const effectiveType of ['slow-2g', '2g', '3g']) expect(connectionWantsLowData({ effectiveType })).toBe(true);
    expect(connectionWantsLowData({ saveData: false, effectiveType: '4g' })).toBe(false);
    expect(connectionWantsLowData(undefined)).toBe(false); // browsers without the API (Firefox, Safari)
  });

  it('gives uploaded images their thumbnail in low-data mode, a srcset otherwise', () => {
    expect(imageSources('/api/media/12', true)).toEqual({ src: '/api/media/12/thumbnail' });
    expect(imageSources('/api/media/12', false, { sizes: '320px' })).toEqual({
      src: '/api/media/12',
      srcSet: '/api/media/12/thumbnail 480w, /api/media/12 1280w',
      sizes: '320px',
    });
    expect(imageSources('https://example.org/a.png', true)).toEqual({ src: 'https://example.org/a.png' });
  });

  it('swaps uploaded images in lesson HTML for their thumbnails, and nothing else', () => {
    const html = '<p><img alt="a" src="/api/media/7"><a href="/api/media/8">pdf</a><img src="https://x.org/i.png"></p>';
    expect(lowDataHtml(html)).toBe(
      '<p><img alt="a" src="/api/media/7/thumbnail"><a href="/api/media/8">pdf</a><img src="https://x.org/i.png"></p>',
    );
  });
});
