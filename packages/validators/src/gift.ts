// Moodle's GIFT question format, read and written without any dependency (shared by the API and
// the browser, which previews an import before sending it). Format reference:
// https://docs.moodle.org/en/GIFT_format
//
// What maps to our question types:
//   multiple choice  `{=right ~wrong}`, several right answers with `%` weights;
//   true/false       `{T}` `{TRUE}` `{F}` `{FALSE}`;
//   short answer     `{=answer =other answer}` (only `=` answers: several accepted answers).
// Our rule has no partial credit, so a `%` weight only says right or wrong: a positive weight is a
// right answer, zero or negative is a wrong one (`~%50%a ~%50%b ~%-100%c`: a and b right, c wrong).
// General feedback `####…` becomes the explanation; per-answer feedback `#…` is folded into it
// (one line per answer, "answer: feedback") since we show one explanation after grading.
// Titles `::…::` are read (the preview shows them) but not stored: our questions have no name.
// `$CATEGORY:` lines are ignored with a note. Points are not part of GIFT: a `// points: 2`
// comment line inside a question (ours; Moodle ignores comments) carries them, default 1.
// Not supported, each reported as an error naming its line: matching, numerical, essay, missing
// word (an answer block in the middle of the text) and description-only items.

export type GiftQuestionType = 'multiple_choice' | 'true_false' | 'short_answer';

export interface GiftQuestion {
  /** 1-based line where the question starts in the file. */
  line: number;
  title: string | null;
  questionType: GiftQuestionType;
  questionText: string;
  points: number;
  /** multiple_choice only. */
  options?: { text: string; correct: boolean }[];
  /** true_false only. */
  correctAnswer?: boolean;
  /** short_answer only. */
  acceptedAnswers?: string[];
  explanation: string | null;
}

export interface GiftIssue {
  line: number;
  message: string;
}

export interface GiftParseResult {
  questions: GiftQuestion[];
  /** Things read but ignored (categories…): worth telling the author, not blocking. */
  notes: GiftIssue[];
  /** Items that could not be read: the import is refused while any remain. */
  errors: GiftIssue[];
}

/** What the writer needs of a question (the author DTO fits). */
export interface GiftWritableQuestion {
  questionType: GiftQuestionType;
  questionText: string;
  points: number;
  options?: { text: string; correct: boolean }[] | null;
  correctAnswer?: boolean | null;
  acceptedAnswers?: string[] | null;
  explanation?: string | null;
}

// ------------------------------------------------------------------ reading

/** Private-use characters standing for escaped specials while the structure is parsed. */
const ESCAPES: Record<string, string> = {
  '\\': '\uE000',
  '~': '\uE001',
  '=': '\uE002',
  '#': '\uE003',
  '{': '\uE004',
  '}': '\uE005',
  ':': '\uE006',
  n: '\n',
};
const RESTORE: Record<string, string> = Object.fromEntries(
  Object.entries(ESCAPES)
    .filter(([k]) => k !== 'n')
    .map(([k, v]) => [v, k]),
);

const protect = (s: string) => s.replace(/\\([\\~=#{}:n])/g, (_m, c: string) => ESCAPES[c]);
const restore = (s: string) => s.replace(/[\uE000-\uE006]/g, (c) => RESTORE[c]);

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  times: '×',
  divide: '÷',
  laquo: '«',
  raquo: '»',
  rsquo: '’',
  lsquo: '‘',
  hellip: '…',
  ndash: '–',
  mdash: '—',
  eacute: 'é',
  egrave: 'è',
  ecirc: 'ê',
  agrave: 'à',
  acirc: 'â',
  ccedil: 'ç',
  ocirc: 'ô',
  ucirc: 'û',
  icirc: 'î',
  Eacute: 'É',
};

/** `[html]` text as plain text: block ends become line breaks, tags go, entities are decoded. */
function htmlToPlain(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|h[1-6])>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === '#') {
        const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
      }
      return ENTITIES[e] ?? ENTITIES[e.toLowerCase()] ?? m;
    })
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n');
}

type Format = 'moodle' | 'html' | 'plain' | 'markdown';

/** Final text of a piece: format applied, escapes restored, outer spaces trimmed. */
function finish(raw: string, format: Format): string {
  const text = restore(raw.trim());
  return (format === 'html' ? htmlToPlain(text) : text).trim();
}

interface Chunk {
  /** Text of the question with comment lines removed (escapes still raw). */
  lines: { n: number; text: string }[];
  comments: string[];
}

/** Questions are separated by blank lines; `//` lines are comments wherever they stand. */
function splitChunks(source: string): Chunk[] {
  const chunks: Chunk[] = [];
  let current: Chunk | null = null;
  source
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .forEach((text, i) => {
      if (/^\s*\/\//.test(text)) {
        (current ??= { lines: [], comments: [] }).comments.push(text.trim().slice(2).trim());
        return;
      }
      if (text.trim() === '') {
        // Comments alone (a file header) belong to no question.
        if (current?.lines.length) chunks.push(current);
        current = null;
        return;
      }
      (current ??= { lines: [], comments: [] }).lines.push({ n: i + 1, text });
    });
  if (current && (current as Chunk).lines.length) chunks.push(current);
  return chunks;
}

/** The file line of a character offset in the chunk's joined text. */
function lineAt(chunk: Chunk, offset: number): number {
  let seen = 0;
  for (const l of chunk.lines) {
    seen += l.text.length + 1;
    if (offset < seen) return l.n;
  }
  return chunk.lines[chunk.lines.length - 1].n;
}

const WEIGHT = /^%(-?\d+(?:\.\d+)?)%/;

interface Answer {
  mark: '=' | '~';
  weight: number | null;
  text: string;
  feedback: string | null;
}

/** Splits the inside of `{…}` (escapes protected) into answers, each with its own feedback. */
function splitAnswers(body: string): Answer[] {
  const answers: Answer[] = [];
  const re = /([=~])([^=~]*)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(body))) {
    let rest = m[2].trimStart();
    let weight: number | null = null;
    const w = WEIGHT.exec(rest);
    if (w) {
      weight = Number(w[1]);
      rest = rest.slice(w[0].length);
    }
    const hash = rest.indexOf('#');
    answers.push({
      mark: m[1] as '=' | '~',
      weight,
      text: hash >= 0 ? rest.slice(0, hash) : rest,
      feedback: hash >= 0 ? rest.slice(hash + 1) : null,
    });
  }
  return answers;
}

type Parsed =
  | {
      question: Omit<GiftQuestion, 'line' | 'title' | 'questionText' | 'points' | 'explanation'>;
      feedback: string[];
    }
  | { error: string };

function parseTrueFalse(body: string, format: Format): Parsed | null {
  const tf = /^\s*(T|TRUE|F|FALSE)\s*(?:#([^#]*))?(?:#([^#]*))?\s*$/i.exec(body);
  if (!tf) return null;
  const feedback = [tf[2], tf[3]].map((f) => (f === undefined ? '' : finish(f, format))).filter(Boolean);
  return {
    question: { questionType: 'true_false', correctAnswer: tf[1].toUpperCase().startsWith('T') },
    feedback,
  };
}

function parseBlock(body: string, format: Format): Parsed {
  if (body.trim() === '') return { error: 'essay questions (an empty {} block) are not supported' };
  if (/^\s*#/.test(body)) return { error: 'numerical questions ({#…}) are not supported' };
  const tf = parseTrueFalse(body, format);
  if (tf) return tf;
  const answers = splitAnswers(body);
  const before = body.slice(0, body.search(/[=~]/) >= 0 ? body.search(/[=~]/) : body.length);
  if (answers.length === 0 || before.trim() !== '') {
    return { error: 'an answer must start with = (right) or ~ (wrong)' };
  }
  if (answers.some((a) => a.mark === '=' && a.text.includes('->'))) {
    return { error: 'matching questions (=a -> b) are not supported' };
  }
  const feedback = answers
    .filter((a) => a.feedback !== null && finish(a.feedback, format) !== '')
    .map((a) => `${finish(a.text, format)}: ${finish(a.feedback!, format)}`);
  const empty = answers.find((a) => finish(a.text, format) === '');
  if (empty) return { error: 'an answer is empty' };
  if (answers.every((a) => a.mark === '=')) {
    // Short answer: every `=` is accepted unless its weight says it earns nothing.
    const accepted = answers
      .filter((a) => a.weight === null || a.weight > 0)
      .map((a) => finish(a.text, format));
    if (accepted.length === 0)
      return { error: 'a short-answer question needs at least one answer with a positive weight' };
    return { question: { questionType: 'short_answer', acceptedAnswers: [...new Set(accepted)] }, feedback };
  }
  // Multiple choice: `=` is right; `~` is wrong unless its weight is positive (several right answers).
  const options = answers.map((a) => ({
    text: finish(a.text, format),
    correct: a.mark === '=' ? a.weight === null || a.weight > 0 : a.weight !== null && a.weight > 0,
  }));
  if (!options.some((o) => o.correct)) {
    return { error: 'no right answer: mark one with = or give it a positive % weight' };
  }
  return { question: { questionType: 'multiple_choice', options }, feedback };
}

/** Reads a GIFT file. Never throws: unreadable items are listed in `errors` with their line. */
export function parseGift(source: string): GiftParseResult {
  const result: GiftParseResult = { questions: [], notes: [], errors: [] };
  for (const chunk of splitChunks(source)) {
    // A `$CATEGORY:` line is Moodle's question bank folder: we have none.
    while (chunk.lines.length && /^\s*\$CATEGORY:/i.test(chunk.lines[0].text)) {
      const line = chunk.lines.shift()!;
      result.notes.push({
        line: line.n,
        message: `category ignored: ${line.text.trim().replace(/^\$CATEGORY:\s*/i, '')}`,
      });
    }
    if (chunk.lines.length === 0) continue;
    const startLine = chunk.lines[0].n;
    const text = protect(chunk.lines.map((l) => l.text).join('\n'));
    const fail = (offset: number, message: string) =>
      result.errors.push({ line: lineAt(chunk, offset), message });

    let pos = 0;
    let title: string | null = null;
    const t = /^\s*::([^]*?)::/.exec(text);
    if (t) {
      title = finish(t[1], 'plain') || null;
      pos = t[0].length;
    }
    let format: Format = 'moodle';
    const f = /^\s*\[(html|moodle|plain|markdown)\]/i.exec(text.slice(pos));
    if (f) {
      format = f[1].toLowerCase() as Format;
      pos += f[0].length;
    }
    const open = text.indexOf('{', pos);
    if (open < 0) {
      fail(pos, 'no answer block {…}: description items are not supported');
      continue;
    }
    const close = text.indexOf('}', open);
    if (close < 0) {
      fail(open, 'the answer block { is never closed by }');
      continue;
    }
    if (text.indexOf('{', open + 1) >= 0 && text.indexOf('{', open + 1) < close) {
      fail(open, 'an answer block cannot contain { (escape it as \\{)');
      continue;
    }
    const after = text.slice(close + 1);
    if (after.trim() !== '') {
      fail(
        close + 1,
        after.includes('{')
          ? 'only one answer block per question'
          : 'missing-word questions (text after the answer block) are not supported',
      );
      continue;
    }
    const questionText = finish(text.slice(pos, open), format);
    if (!questionText) {
      fail(open, 'the question has no text');
      continue;
    }
    let body = text.slice(open + 1, close);
    let general: string | null = null;
    const g = body.indexOf('####');
    if (g >= 0) {
      general = finish(body.slice(g + 4), format) || null;
      body = body.slice(0, g);
    }
    const parsed = parseBlock(body, format);
    if ('error' in parsed) {
      fail(open, parsed.error);
      continue;
    }
    const pointsComment = chunk.comments
      .map((c) => /^points\s*[:=]\s*(\d+(?:[.,]\d+)?)\s*$/i.exec(c))
      .find(Boolean);
    const explanation = [general, ...parsed.feedback].filter(Boolean).join('\n') || null;
    result.questions.push({
      line: startLine,
      title,
      questionText,
      points: pointsComment ? Number(pointsComment[1].replace(',', '.')) : 1,
      ...parsed.question,
      explanation,
    } as GiftQuestion);
  }
  return result;
}

// ------------------------------------------------------------------ writing

/** Escapes GIFT's special characters; line breaks become `\n` (a blank line would end the question). */
export function escapeGift(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\\~=#{}:]/g, (c) => `\\${c}`)
    .replace(/\n/g, '\\n');
}

/** Moodle accepts only some percentages: 100/n for n right answers is among them up to n = 10. */
function shareOf(n: number): string {
  return String(Math.round((100 / n) * 100000) / 100000);
}

function formatPoints(points: number): string {
  return String(Math.round(points * 100) / 100);
}

/** Writes questions as GIFT that Moodle imports, and that parseGift reads back to the same questions. */
export function toGift(questions: GiftWritableQuestion[], options: { header?: string } = {}): string {
  const out: string[] = [];
  if (options.header) out.push(...options.header.split(/\r?\n/).map((l) => `// ${l}`), '');
  for (const q of questions) {
    const lines: string[] = [];
    if (q.points !== 1) lines.push(`// points: ${formatPoints(q.points)}`);
    const answers: string[] = [];
    if (q.questionType === 'true_false') {
      answers.push(q.correctAnswer ? 'TRUE' : 'FALSE');
    } else if (q.questionType === 'short_answer') {
      for (const a of q.acceptedAnswers ?? []) answers.push(`=${escapeGift(a)}`);
    } else {
      const opts = q.options ?? [];
      const right = opts.filter((o) => o.correct).length;
      for (const o of opts) {
        const text = escapeGift(o.text);
        // One right answer: Moodle's plain =/~ (a radio list). Several: weights sharing 100 %.
        if (right === 1) answers.push(o.correct ? `=${text}` : `~${text}`);
        else answers.push(o.correct ? `~%${shareOf(right)}%${text}` : `~%-100%${text}`);
      }
    }
    if (q.explanation && q.explanation.trim()) answers.push(`####${escapeGift(q.explanation.trim())}`);
    if (q.questionType === 'true_false') {
      lines.push(`${escapeGift(q.questionText)} {${answers.join(' ')}}`);
    } else {
      lines.push(`${escapeGift(q.questionText)} {`, ...answers.map((a) => `\t${a}`), '}');
    }
    out.push(...lines, '');
  }
  return out.join('\n');
}
