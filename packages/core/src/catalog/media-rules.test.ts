import { describe, expect, it } from 'vitest';
import { chooseMediaCategory, normalizeMime, safeOriginalName } from './media-rules';

describe('media rules', () => {
  it('picks the category from the detected type, and refuses types outside the lists', () => {
    expect(chooseMediaCategory('image/png', undefined, 'a.png')).toBe('image');
    expect(chooseMediaCategory('application/pdf', 'presentation', 'slides.pdf')).toBe('presentation');
    expect(chooseMediaCategory('application/pdf', undefined, 'doc.pdf')).toBe('document');
    expect(chooseMediaCategory('application/zip', undefined, 'quiz.h5p')).toBe('h5p');
    expect(chooseMediaCategory('application/x-msdownload', undefined, 'a.png')).toBeNull();
    expect(chooseMediaCategory('application/x-elf', 'image', 'a.png')).toBeNull();
    expect(chooseMediaCategory('image/png', 'video', 'a.png')).toBeNull();
    expect(chooseMediaCategory(undefined, 'image', 'a.png')).toBeNull();
  });
  it('keeps only a clean base name', () => {
    expect(safeOriginalName('C:\\Users\\x\\photo.png')).toBe('photo.png');
    expect(safeOriginalName('../../etc/passwd')).toBe('passwd');
    expect(safeOriginalName('a\u0000b.png')).toBe('ab.png');
    expect(safeOriginalName('')).toBe('fichier');
  });
});

describe('normalizeMime', () => {
  it('keeps the bare lower-case type and the codecs parameter', () => {
    expect(normalizeMime('audio/ogg; codecs=opus')).toEqual({ type: 'audio/ogg', codecs: 'opus' });
    expect(normalizeMime('Audio/OGG;codecs="Vorbis"')).toEqual({ type: 'audio/ogg', codecs: 'vorbis' });
    expect(normalizeMime('audio/ogg; charset=x')).toEqual({ type: 'audio/ogg', codecs: null });
    expect(normalizeMime('application/pdf')).toEqual({ type: 'application/pdf', codecs: null });
    expect(normalizeMime('not a type')).toBeNull();
  });

  it('lets Ogg Opus in as audio once normalised, never as video', () => {
    const mime = normalizeMime('audio/ogg; codecs=opus')!.type;
    expect(chooseMediaCategory(mime, 'audio', 'voix.opus')).toBe('audio');
    expect(chooseMediaCategory(mime, undefined, 'voix.opus')).toBe('audio');
    expect(chooseMediaCategory(mime, 'video', 'voix.opus')).toBeNull();
  });
});
