import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { cleanText, optionalLongText, optionalSafeText, safeName, safeText } from './text';

describe('cleanText', () => {
  it('removes NUL and every other control character', () => {
    expect(cleanText('Ab\u0000dou\u0007laye\u007f\u009f')).toBe('Abdoulaye');
    expect(cleanText('Ligne\u0085suite')).toBe('Ligne suite'); // NEL is a line break
    expect(cleanText('\u0000\u0001\u001f')).toBe('');
  });

  it('removes ANSI escape sequences whole, not only the ESC', () => {
    expect(cleanText('\u001b[31mRouge\u001b[0m')).toBe('Rouge');
    expect(cleanText('\u001b[1;4;38;5;196mGras\u001b[K')).toBe('Gras');
    expect(cleanText('\u009b2JEffacé')).toBe('Effacé');
    expect(cleanText('\u001b]0;titre de fenêtre\u0007Nom')).toBe('Nom');
    expect(cleanText('\u001b]8;;https://evil.example\u001b\\Lien\u001b]8;;\u001b\\')).toBe('Lien');
    expect(cleanText('\u001b(BTexte\u001bc')).toBe('Texte');
  });

  it('removes bidirectional overrides, embeddings, isolates and marks', () => {
    // "Invoice‮fdp.exe" would display as "Invoiceexe.pdf".
    expect(cleanText('Invoice\u202Efdp.exe')).toBe('Invoicefdp.exe');
    expect(cleanText('\u202A\u202B\u202C\u202D\u2066\u2067\u2068\u2069Cours\u200E\u200F\u061C')).toBe(
      'Cours',
    );
  });

  it('removes zero-width and invisible characters that hide inside a word', () => {
    expect(cleanText('Ad\u200Bmin\u2060\uFEFF\u00AD')).toBe('Admin');
    expect(cleanText('a\u{E0041}\u{E0042}b')).toBe('ab'); // tag characters smuggling "AB"
  });

  it('keeps French accents (NFC), other scripts, typographic spaces and emoji', () => {
    const decomposed = 'E\u0301le\u0300ve Franc\u0327ois'; // as some keyboards and macOS send it
    expect(cleanText(decomposed)).toBe('Élève François');
    expect(cleanText(decomposed)).toHaveLength('Élève François'.length);
    expect(cleanText('Cours\u00A0: l’économie sociale !')).toBe('Cours\u00A0: l’économie sociale !');
    expect(cleanText('Ɖɔkpɔ Gbɛ̀ — مرحبا — 你好')).toBe('Ɖɔkpɔ Gbɛ̀ — مرحبا — 你好'.normalize('NFC'));
    expect(cleanText('Bravo 🎉👍🏾')).toBe('Bravo 🎉👍🏾');
    // Joiners inside emoji sequences and Persian words stay; a flag's tag sequence stays.
    expect(cleanText('👩🏾‍💻 می‌خواهم')).toBe('👩🏾‍💻 می‌خواهم');
    expect(cleanText('🏴󠁧󠁢󠁳󠁣󠁴󠁿 Écosse')).toBe('🏴󠁧󠁢󠁳󠁣󠁴󠁿 Écosse');
    expect(cleanText('❤️')).toBe('❤️'); // variation selector kept
  });

  it('one line: breaks and tabs become single spaces, spaces collapse, ends are trimmed', () => {
    expect(cleanText('  Jean\r\n\tDupont   Junior \u2028 ')).toBe('Jean Dupont Junior');
  });

  it('multi-line: keeps line breaks (normalised) and tabs, trims the ends', () => {
    expect(cleanText('\n Ligne 1\r\n\tLigne 2\rLigne 3\u2029\u0000  \n', { multiline: true })).toBe(
      'Ligne 1\n\tLigne 2\nLigne 3',
    );
  });

  it('drops lone surrogate halves', () => {
    expect(cleanText('a\uD800b\uDC00c😀')).toBe('abc😀');
  });
});

describe('schema helpers', () => {
  const form = z.object({ firstName: safeName(1, 100), title: safeText(3, 10), bio: optionalSafeText(20) });

  it('refuses text that is empty once cleaned with "required", naming the field', () => {
    const r = form.safeParse({ firstName: ' \u0000\u202E\u001b[31m ', title: '\u200B\u200B\u200B' });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['firstName', 'required'],
      ['title', 'required'],
    ]);
  });

  it('applies the length limits to the cleaned text', () => {
    expect(form.safeParse({ firstName: 'A', title: 'ab\u0000\u0000\u0000' }).error!.issues[0].path).toEqual([
      'title',
    ]);
    expect(
      form.safeParse({ firstName: 'A', title: '\u001b[31m' + 'x'.repeat(10) + '\u001b[0m' }).success,
    ).toBe(true);
    expect(form.safeParse({ firstName: 'A', title: 'x'.repeat(11) }).success).toBe(false);
    // Absurdly long raw input is refused before any cleaning.
    expect(form.safeParse({ firstName: '\u0000'.repeat(10_000), title: 'abc' }).success).toBe(false);
  });

  it('stores the cleaned value; optional text empty once cleaned becomes null', () => {
    expect(form.parse({ firstName: ' Aïcha\u202E ', title: 'Cours 1', bio: '\u0000 ' })).toEqual({
      firstName: 'Aïcha',
      title: 'Cours 1',
      bio: null,
    });
    expect(optionalLongText.parse('Para 1\r\n\r\nPara 2\u0007')).toBe('Para 1\n\nPara 2');
    expect(optionalLongText.parse(undefined)).toBeNull();
    // Update inputs: an omitted field stays omitted (left as it is), null clears it.
    expect(optionalSafeText(10).optional().parse(undefined)).toBeUndefined();
    expect(optionalSafeText(10).optional().parse(null)).toBeNull();
    expect(optionalLongText.safeParse('é'.repeat(40_000)).success).toBe(false); // 80,000 bytes
  });
});
