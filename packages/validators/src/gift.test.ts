// GIFT reader and writer on real-world samples: the examples of Moodle's own documentation
// (docs.moodle.org/en/GIFT_format), a French quiz with accents, escapes and HTML, and the items
// we refuse, each error naming its line. Then the round trip: write → read gives the same questions.
import { describe, expect, it } from 'vitest';
import { escapeGift, parseGift, toGift, type GiftWritableQuestion } from './gift';

/** Moodle's documentation samples, as a teacher would paste them (tabs, spaces, CRLF-free). */
const MOODLE_SAMPLES = `// true-false
::Q1:: 1+1=2 {T}

// multiple choice with specified feedback for right and wrong answers
::Q2:: What's between orange and green in the spectrum?
{ =yellow # right; good! ~red # wrong, it's yellow ~blue # wrong, it's yellow }

// multiple choice with several right answers (weights)
::Q3:: What two people are entombed in Grant's tomb? {
   ~%-100%No one
   ~%50%Grant
   ~%50%Grant's wife
   ~%-100%Grant's father
}

// short answer
::Q4:: Who's buried in Grant's tomb?{=Grant =Ulysses S. Grant =Ulysses Grant}

// true-false with feedback
::Q5:: The sun rises in the West.{FALSE#No, the sun rises in the East.#Yes, it rises in the East.}

::Q6:: Grant was buried in a tomb in New York City.{
T
####Grant's Tomb is in Manhattan.
}
`;

describe('parseGift on Moodle documentation samples', () => {
  const r = parseGift(MOODLE_SAMPLES);

  it('reads every supported question, nothing refused', () => {
    expect(r.errors).toEqual([]);
    expect(r.questions.map((q) => [q.title, q.questionType, q.line])).toEqual([
      ['Q1', 'true_false', 2],
      ['Q2', 'multiple_choice', 5],
      ['Q3', 'multiple_choice', 9],
      ['Q4', 'short_answer', 17],
      ['Q5', 'true_false', 20],
      ['Q6', 'true_false', 22],
    ]);
  });

  it('true/false: {T}, {FALSE}, with their feedback folded into the explanation', () => {
    expect(r.questions[0]).toMatchObject({
      questionText: '1+1=2',
      correctAnswer: true,
      explanation: null,
      points: 1,
    });
    expect(r.questions[4]).toMatchObject({
      questionText: 'The sun rises in the West.',
      correctAnswer: false,
      explanation: 'No, the sun rises in the East.\nYes, it rises in the East.',
    });
    expect(r.questions[5]).toMatchObject({
      correctAnswer: true,
      explanation: "Grant's Tomb is in Manhattan.",
    });
  });

  it('multiple choice with one right answer; per-answer feedback becomes explanation lines', () => {
    expect(r.questions[1]).toMatchObject({
      questionText: "What's between orange and green in the spectrum?",
      options: [
        { text: 'yellow', correct: true },
        { text: 'red', correct: false },
        { text: 'blue', correct: false },
      ],
      explanation: "yellow: right; good!\nred: wrong, it's yellow\nblue: wrong, it's yellow",
    });
  });

  it('% weights: positive is right, zero or negative is wrong (no partial credit)', () => {
    expect(r.questions[2].options).toEqual([
      { text: 'No one', correct: false },
      { text: 'Grant', correct: true },
      { text: "Grant's wife", correct: true },
      { text: "Grant's father", correct: false },
    ]);
    const zero = parseGift('Pick {~%0%a ~%100%b ~%-50%c ~%33.33333%d}').questions[0];
    expect(zero.options!.map((o) => o.correct)).toEqual([false, true, false, true]);
  });

  it('short answer with several accepted answers', () => {
    expect(r.questions[3]).toMatchObject({
      questionText: "Who's buried in Grant's tomb?",
      acceptedAnswers: ['Grant', 'Ulysses S. Grant', 'Ulysses Grant'],
    });
    // A zero weight is not accepted; a positive partial one is (no partial credit: full marks).
    expect(parseGift('Capitale ? {=Paris =%50%paris =%0%Lyon}').questions[0].acceptedAnswers).toEqual([
      'Paris',
      'paris',
    ]);
  });
});

const FRENCH = `$CATEGORY: $course$/top/Géographie du Bénin

// Exporté d'un cours Moodle de l'université d'Abomey-Calavi
::Capitale:: Quelle est la capitale officielle du Bénin ? {
  =Porto-Novo
  ~Cotonou
  ~Abomey
  ####Porto-Novo est la capitale officielle ; Cotonou est le siège du gouvernement.
}

// points: 2
::Équation\\: niveau 1::Quelle réponse vaut 5 ?
Choisissez la bonne expression.
{
  ~ \\= 2 + 2
  = \\= 2 + 3
  ~ \\= 2 + 4
}

::Accolades:: Quel signe ouvre un bloc en GIFT : \\{ ou \\} ? {=\\{ ~\\} ~\\# ~\\~}

::Marqueur::[html]<p>Combien font 2 &times; 3 ?</p><p>Réponse <b>en chiffres</b>.</p>{=6 ~5 ~&laquo;&nbsp;six&nbsp;&raquo;}

::Saut:: Première ligne\\nDeuxième ligne {TRUE}

::Md::[markdown]Le **fleuve** Ouémé se jette dans le lac Nokoué. {T}
`;

describe('parseGift: categories, comments, titles, escapes, accents, formats, multi-line', () => {
  const r = parseGift(FRENCH);

  it('ignores $CATEGORY with a note naming its line', () => {
    expect(r.errors).toEqual([]);
    expect(r.notes).toEqual([{ line: 1, message: 'category ignored: $course$/top/Géographie du Bénin' }]);
  });

  it('keeps accents and general feedback', () => {
    expect(r.questions[0]).toMatchObject({
      line: 4,
      title: 'Capitale',
      questionText: 'Quelle est la capitale officielle du Bénin ?',
      explanation: 'Porto-Novo est la capitale officielle ; Cotonou est le siège du gouvernement.',
    });
  });

  it('reads escaped characters, multi-line text, an escaped colon in the title and a points comment', () => {
    expect(r.questions[1]).toMatchObject({
      line: 12,
      title: 'Équation: niveau 1',
      questionText: 'Quelle réponse vaut 5 ?\nChoisissez la bonne expression.',
      points: 2,
      options: [
        { text: '= 2 + 2', correct: false },
        { text: '= 2 + 3', correct: true },
        { text: '= 2 + 4', correct: false },
      ],
    });
    expect(r.questions[2]).toMatchObject({
      questionText: 'Quel signe ouvre un bloc en GIFT : { ou } ?',
      options: [
        { text: '{', correct: true },
        { text: '}', correct: false },
        { text: '#', correct: false },
        { text: '~', correct: false },
      ],
    });
  });

  it('[html] becomes plain text (tags out, entities decoded); [markdown] is kept as written', () => {
    expect(r.questions[3]).toMatchObject({
      questionText: 'Combien font 2 × 3 ?\nRéponse en chiffres.',
      options: [
        { text: '6', correct: true },
        { text: '5', correct: false },
        { text: '« six »', correct: false },
      ],
    });
    expect(r.questions[4]).toMatchObject({
      questionText: 'Première ligne\nDeuxième ligne',
      correctAnswer: true,
    });
    expect(r.questions[5]).toMatchObject({
      questionText: 'Le **fleuve** Ouémé se jette dans le lac Nokoué.',
    });
  });

  it('accepts Windows line endings and a byte-order mark', () => {
    const crlf = parseGift(`\uFEFF${FRENCH.replace(/\n/g, '\r\n')}`);
    expect(crlf.errors).toEqual([]);
    expect(crlf.questions).toEqual(r.questions);
  });
});

describe('parseGift on a Moodle 4 export (HTML with escaped attributes)', () => {
  const EXPORT = `// question: 0  name: Switch category to $course$/top/Défaut pour Gouvernance
$CATEGORY: $course$/top/Défaut pour Gouvernance


// question: 1234  name: Q1
::Q1::[html]<p dir\\="ltr" style\\="text-align\\: left;">Quel organe élit le conseil&nbsp;?</p>{
\t=<p dir\\="ltr" style\\="text-align\\: left;">L'assemblée générale</p>#<p>Bravo&nbsp;!</p>
\t~<p>Le trésorier</p>#<p>Non.</p>
\t####<p dir\\="ltr">Voir la leçon 2.</p>
}


// question: 1235  name: Q2
::Q2::[html]<p>Le bureau exécute les décisions.</p>{TRUE####<p>Oui.</p>}

`;

  it('reads the HTML as plain text, escaped attribute characters included', () => {
    const r = parseGift(EXPORT);
    expect(r.errors).toEqual([]);
    expect(r.notes).toEqual([{ line: 2, message: 'category ignored: $course$/top/Défaut pour Gouvernance' }]);
    expect(r.questions).toEqual([
      {
        line: 6,
        title: 'Q1',
        questionType: 'multiple_choice',
        questionText: 'Quel organe élit le conseil ?',
        points: 1,
        options: [
          { text: "L'assemblée générale", correct: true },
          { text: 'Le trésorier', correct: false },
        ],
        explanation: "Voir la leçon 2.\nL'assemblée générale: Bravo !\nLe trésorier: Non.",
      },
      {
        line: 14,
        title: 'Q2',
        questionType: 'true_false',
        questionText: 'Le bureau exécute les décisions.',
        points: 1,
        correctAnswer: true,
        explanation: 'Oui.',
      },
    ]);
  });
});

describe('parseGift refuses what we cannot grade, naming the line', () => {
  const UNSUPPORTED = `// from Moodle's documentation
::Q1:: Two plus {=two =2} equals four.

::Q2:: Which animal eats which food? { =cat -> cat food =dog -> dog food }

::Q3:: What is a number from 1 to 5? {#3:2}

::Q4:: When was Ulysses S. Grant born? {#
         =1822:0      # Correct! Full credit.
         =%50%1822:2  # He was born in 1822. Half credit for being close.
}

::Q5:: How are you? {}

You can use your pencil and paper for these next math questions.

::Q7:: 1+1=2 {T}

::Q8:: Unclosed {=a ~b
~c

::Q9:: All wrong {~a ~b}
`;
  const r = parseGift(UNSUPPORTED);

  it('lists one error per refused item, with its line, and still reads the good ones', () => {
    expect(r.errors).toEqual([
      { line: 2, message: 'missing-word questions (text after the answer block) are not supported' },
      { line: 4, message: 'matching questions (=a -> b) are not supported' },
      { line: 6, message: 'numerical questions ({#…}) are not supported' },
      { line: 8, message: 'numerical questions ({#…}) are not supported' },
      { line: 13, message: 'essay questions (an empty {} block) are not supported' },
      { line: 15, message: 'no answer block {…}: description items are not supported' },
      { line: 19, message: 'the answer block { is never closed by }' },
      { line: 22, message: 'no right answer: mark one with = or give it a positive % weight' },
    ]);
    expect(r.questions.map((q) => q.title)).toEqual(['Q7']);
  });

  it('an empty file reads as nothing, without errors', () => {
    expect(parseGift('')).toEqual({ questions: [], notes: [], errors: [] });
    expect(parseGift('// only a comment\n\n\n')).toEqual({ questions: [], notes: [], errors: [] });
  });
});

describe('toGift', () => {
  const questions: GiftWritableQuestion[] = [
    {
      questionType: 'multiple_choice',
      questionText: 'Quel organe veille au respect des statuts : {AG} ou ~CA~ ?',
      points: 2,
      options: [
        { text: "L'assemblée générale = souveraine", correct: true },
        { text: 'Le bureau #1', correct: false },
        { text: 'Le commissaire aux comptes', correct: false },
      ],
      explanation: 'Ligne 1 : les statuts.\n\nLigne 3 après un blanc \\ antislash.',
    },
    {
      questionType: 'multiple_choice',
      questionText: 'Deux bonnes réponses',
      points: 1.5,
      options: [
        { text: 'a', correct: true },
        { text: 'b', correct: true },
        { text: 'c', correct: false },
      ],
      explanation: null,
    },
    {
      questionType: 'multiple_choice',
      questionText: 'Trois sur trois',
      points: 1,
      options: [
        { text: 'x', correct: true },
        { text: 'y', correct: true },
        { text: 'z', correct: true },
      ],
      explanation: null,
    },
    {
      questionType: 'true_false',
      questionText: 'Une association a un bureau.',
      points: 1,
      correctAnswer: true,
      explanation: 'Oui.',
    },
    {
      questionType: 'true_false',
      questionText: 'Faux ?',
      points: 0.5,
      correctAnswer: false,
      explanation: null,
    },
    {
      questionType: 'short_answer',
      questionText: 'Capitale du Bénin ?',
      points: 1,
      acceptedAnswers: ['Porto-Novo', 'Porto Novo', 'Hogbonou'],
      explanation: null,
    },
  ];

  it('escapes the special characters and writes line breaks as \\n', () => {
    expect(escapeGift('a~b=c#d{e}f:g\\h\ni')).toBe('a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h\\ni');
    const gift = toGift(questions, { header: 'Quiz: Gouvernance' });
    expect(gift).toContain('// Quiz: Gouvernance');
    expect(gift).toContain(
      '// points: 2\nQuel organe veille au respect des statuts \\: \\{AG\\} ou \\~CA\\~ ? {',
    );
    expect(gift).toContain('\t~%50%a\n\t~%50%b\n\t~%-100%c');
    expect(gift).toContain('\t~%33.33333%x');
    expect(gift).toContain('Une association a un bureau. {TRUE ####Oui.}');
    expect(gift).not.toMatch(/\n\n\n/);
  });

  it('round trip: write then read gives the same questions', () => {
    const back = parseGift(toGift(questions, { header: 'Export' }));
    expect(back.errors).toEqual([]);
    expect(back.notes).toEqual([]);
    expect(back.questions.map(({ line: _l, title: _t, ...q }) => q)).toEqual(
      questions.map((q) => ({
        questionType: q.questionType,
        questionText: q.questionText,
        points: q.points,
        ...(q.options ? { options: q.options } : {}),
        ...(q.correctAnswer !== undefined ? { correctAnswer: q.correctAnswer } : {}),
        ...(q.acceptedAnswers ? { acceptedAnswers: q.acceptedAnswers } : {}),
        explanation: q.explanation,
      })),
    );
  });

  it('round trip of a real-world file: read, write, read again gives the same questions', () => {
    const first = parseGift(MOODLE_SAMPLES + '\n' + FRENCH).questions;
    const second = parseGift(toGift(first)).questions;
    const strip = (qs: typeof first) => qs.map(({ line: _l, title: _t, ...q }) => q);
    expect(strip(second)).toEqual(strip(first));
  });
});
