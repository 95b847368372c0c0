import { describe, expect, it } from 'vitest';
import { chooseMediaCategory, safeOriginalName } from './media-rules';

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
