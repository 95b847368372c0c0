import type { Difficulty, LessonContentType, QuestionType, QuizOption } from '../constants';

// Demo catalogue (embedded/demo installs only): two published courses by the demo instructor.
// Lessons with `media` get a real file at API start-up (core's seedDemoMedia uploads it through the
// storage driver like any upload: this package may not import storage): a short test-pattern video,
// a tone for audio, a PDF handout written with pdfmake. Course images are drawn with sharp.

export interface DemoQuestion {
  questionText: string;
  questionType: QuestionType;
  options?: QuizOption[];
  correctAnswer?: string;
  points?: number;
  /** Shown to learners after grading (once answers are revealed). */
  explanation?: string;
}

export interface DemoQuiz {
  title: string;
  description: string;
  passingScore: number;
  timeLimitMinutes?: number;
  questions: DemoQuestion[];
}

export interface DemoLesson {
  title: string;
  description: string;
  contentType: LessonContentType;
  durationMinutes: number;
  contentText?: string;
  /**
   * Rich text as the lesson editor writes it (already within the server's allow-list, see core's
   * rich-text.ts); contentText is then its plain-text copy for search.
   */
  contentHtml?: string;
  /** The lesson's file, uploaded by core's seedDemoMedia (see above). */
  media?: DemoMedia;
  /** For quiz lessons: the quiz attached to the lesson. */
  quiz?: DemoQuiz;
}

export type DemoMedia =
  | { kind: 'video'; filename: string }
  | { kind: 'audio'; filename: string }
  /** A PDF handout: a heading per section, paragraphs or "- " list lines under it. */
  | { kind: 'pdf'; filename: string; sections: { heading: string; lines: string[] }[] };

export interface DemoModule {
  title: string;
  description: string;
  lessons: DemoLesson[];
}

export interface DemoCourse {
  slug: string;
  title: string;
  categoryName: string;
  shortDescription: string;
  description: string;
  difficulty: Difficulty;
  price: number;
  durationMinutes: number;
  isFeatured: boolean;
  modules: DemoModule[];
  finalQuiz: DemoQuiz;
}

export const DEMO_COURSES: DemoCourse[] = [
  {
    slug: 'gouvernance-associative-fondamentaux',
    title: 'Gouvernance associative : les fondamentaux',
    categoryName: 'Gouvernance',
    shortDescription:
      'Comprendre les organes, les rôles et les règles qui font fonctionner une association de manière démocratique et transparente.',
    description:
      'Ce cours s’adresse aux membres de bureau, aux coordinateurs et aux bénévoles qui souhaitent renforcer le fonctionnement de leur organisation. ' +
      'Vous y verrez comment se répartissent les pouvoirs entre l’assemblée générale, le conseil d’administration et l’équipe exécutive, ' +
      'comment préparer et conduire une assemblée générale, et comment rendre compte aux membres et aux partenaires. ' +
      'Chaque module se termine par une mise en pratique tirée de situations vécues par des organisations de la société civile.',
    difficulty: 'beginner',
    price: 0,
    durationMinutes: 150,
    isFeatured: true,
    modules: [
      {
        title: 'Comprendre la gouvernance associative',
        description: 'Les organes d’une association et la répartition des responsabilités.',
        lessons: [
          {
            title: 'Qu’est-ce que la gouvernance ?',
            description: 'Définitions et enjeux pour une organisation de la société civile.',
            contentType: 'text',
            durationMinutes: 15,
            contentText:
              'La gouvernance désigne l’ensemble des règles, des organes et des pratiques par lesquels une organisation prend ses décisions, les met en œuvre et en rend compte.\n\n' +
              'Pour une association, une bonne gouvernance repose sur trois piliers :\n' +
              '- la légitimité : les dirigeants sont choisis par les membres selon des règles connues de tous ;\n' +
              '- la redevabilité : ceux qui décident rendent compte de leurs choix et de l’usage des ressources ;\n' +
              '- la transparence : l’information circule, les comptes sont accessibles, les conflits d’intérêts sont déclarés.\n\n' +
              'Les statuts fixent le cadre ; le règlement intérieur en précise le fonctionnement quotidien. ' +
              'Une organisation bien gouvernée inspire confiance à ses membres, aux bailleurs et aux communautés qu’elle sert.',
          },
          {
            title: 'Les organes d’une association',
            description: 'Assemblée générale, conseil d’administration, bureau exécutif.',
            contentType: 'video',
            durationMinutes: 20,
            media: { kind: 'video', filename: 'organes-association.webm' },
          },
          {
            title: 'Quiz : les organes',
            description: 'Vérifiez vos acquis sur le rôle de chaque organe.',
            contentType: 'quiz',
            durationMinutes: 10,
            quiz: {
              title: 'Quiz du module 1',
              description: 'Trois questions pour vérifier vos acquis.',
              passingScore: 60,
              questions: [
                {
                  questionText: 'Quel organe élit habituellement le conseil d’administration ?',
                  questionType: 'multiple_choice',
                  options: [
                    { text: 'L’assemblée générale des membres', correct: true },
                    { text: 'Le trésorier', correct: false },
                    { text: 'Le principal bailleur de fonds', correct: false },
                  ],
                  explanation: 'Les membres, réunis en assemblée générale, élisent les administrateurs.',
                },
                {
                  questionText: 'Le règlement intérieur peut contredire les statuts.',
                  questionType: 'true_false',
                  correctAnswer: 'false',
                  explanation: 'Le règlement intérieur précise les statuts ; en cas de conflit, les statuts l’emportent.',
                },
                {
                  questionText:
                    'Quel organe assure la gestion courante de l’association entre deux réunions du conseil ?',
                  questionType: 'multiple_choice',
                  options: [
                    { text: 'Le bureau exécutif', correct: true },
                    { text: 'L’assemblée générale', correct: false },
                    { text: 'Les bénéficiaires', correct: false },
                  ],
                },
              ],
            },
          },
        ],
      },
      {
        title: 'Transparence et redevabilité',
        description: 'Rendre compte aux membres, aux partenaires et aux communautés.',
        lessons: [
          {
            title: 'Rendre compte à ses membres',
            description: 'Rapport moral, rapport financier et assemblée générale annuelle.',
            contentType: 'text',
            durationMinutes: 20,
            contentText:
              'Chaque année, l’assemblée générale ordinaire examine le rapport moral (les activités menées et les résultats obtenus) ' +
              'et le rapport financier (les comptes de l’exercice, certifiés si possible par un commissaire aux comptes).\n\n' +
              'Pour que ce moment soit utile :\n' +
              '- envoyez les documents aux membres au moins quinze jours à l’avance ;\n' +
              '- présentez les écarts entre le budget prévu et les dépenses réelles, et expliquez-les ;\n' +
              '- consignez les décisions dans un procès-verbal signé et archivé.\n\n' +
              'La redevabilité ne s’arrête pas aux membres : les communautés bénéficiaires ont aussi le droit de savoir ce qui est fait en leur nom.',
            contentHtml:
              '<h2>L’assemblée générale annuelle</h2>' +
              '<p>Chaque année, l’assemblée générale ordinaire examine le <strong>rapport moral</strong> (les activités menées et les résultats obtenus) ' +
              'et le <strong>rapport financier</strong> (les comptes de l’exercice, certifiés si possible par un commissaire aux comptes).</p>' +
              '<h3>Pour que ce moment soit utile</h3>' +
              '<ul><li><p>envoyez les documents aux membres au moins quinze jours à l’avance ;</p></li>' +
              '<li><p>présentez les écarts entre le budget prévu et les dépenses réelles, et expliquez-les ;</p></li>' +
              '<li><p>consignez les décisions dans un procès-verbal signé et archivé.</p></li></ul>' +
              '<table><tbody><tr><th><p>Quand</p></th><th><p>Quoi</p></th><th><p>Qui</p></th></tr>' +
              '<tr><td><p>J − 15</p></td><td><p>Convocation, rapports et comptes envoyés aux membres</p></td><td><p>Secrétaire général</p></td></tr>' +
              '<tr><td><p>Jour J</p></td><td><p>Présentation, débat et vote des rapports</p></td><td><p>Président, trésorier</p></td></tr>' +
              '<tr><td><p>J + 8</p></td><td><p>Procès-verbal signé, archivé et diffusé</p></td><td><p>Secrétaire général</p></td></tr></tbody></table>' +
              '<blockquote><p>La redevabilité ne s’arrête pas aux membres : les communautés bénéficiaires ont aussi le droit de savoir ce qui est fait en leur nom.</p></blockquote>',
          },
          {
            title: 'Écoute : ouverture de l’assemblée générale',
            description:
              'Le signal sonore qui ouvre la séance (démonstration : une courte tonalité générée par la plateforme).',
            contentType: 'audio',
            durationMinutes: 1,
            media: { kind: 'audio', filename: 'ouverture-assemblee.mp3' },
          },
          {
            title: 'Modèle de rapport annuel',
            description: 'Un modèle à adapter pour votre prochaine assemblée générale.',
            contentType: 'document',
            durationMinutes: 15,
            media: {
              kind: 'pdf',
              filename: 'modele-rapport-annuel.pdf',
              sections: [
                {
                  heading: '1. Rapport moral',
                  lines: [
                    'Rappelez la mission de l’association et les objectifs fixés pour l’année.',
                    '- Activités menées : dates, lieux, nombre de participants.',
                    '- Résultats obtenus au regard des objectifs.',
                    '- Difficultés rencontrées et leçons apprises.',
                  ],
                },
                {
                  heading: '2. Rapport financier',
                  lines: [
                    '- Budget prévu et dépenses réelles, poste par poste.',
                    '- Explication des écarts supérieurs à 10 %.',
                    '- Avis du commissaire aux comptes, s’il y en a un.',
                  ],
                },
                {
                  heading: '3. Perspectives',
                  lines: [
                    'Présentez le plan d’action et le budget prévisionnel soumis au vote de l’assemblée.',
                  ],
                },
              ],
            },
          },
        ],
      },
    ],
    finalQuiz: {
      title: 'Évaluation finale : gouvernance associative',
      description: 'Obtenez au moins 70 % pour valider le cours et recevoir votre certificat.',
      passingScore: 70,
      timeLimitMinutes: 20,
      questions: [
        {
          questionText: 'Lequel de ces éléments relève de la redevabilité ?',
          questionType: 'multiple_choice',
          options: [
            { text: 'Présenter chaque année les comptes aux membres', correct: true },
            { text: 'Garder les procès-verbaux confidentiels', correct: false },
            { text: 'Laisser le président décider seul du budget', correct: false },
            { text: 'Changer les statuts sans vote', correct: false },
          ],
          explanation: 'Rendre compte, c’est présenter chaque année les comptes et les décisions aux membres.',
        },
        {
          questionText: 'Un administrateur doit déclarer tout conflit d’intérêts.',
          questionType: 'true_false',
          correctAnswer: 'true',
          explanation: 'Déclarer un conflit d’intérêts protège l’association et l’administrateur lui-même.',
        },
        {
          questionText: 'Quel document fixe le cadre juridique de base d’une association ?',
          questionType: 'short_answer',
          correctAnswer: 'les statuts',
          points: 2,
          explanation: 'Les statuts fixent l’objet, les organes et les règles de base de l’association.',
        },
      ],
    },
  },
  {
    slug: 'plaidoyer-mobilisation-citoyenne',
    title: 'Plaidoyer et mobilisation citoyenne',
    categoryName: 'Plaidoyer',
    shortDescription:
      'Concevoir une stratégie de plaidoyer, identifier les décideurs et mobiliser les citoyens autour d’une cause.',
    description:
      'Du diagnostic du problème au suivi des engagements obtenus, ce cours vous guide pas à pas dans la conduite d’une campagne de plaidoyer. ' +
      'Vous apprendrez à formuler un objectif précis, à cartographier les acteurs, à construire des messages adaptés à chaque cible ' +
      'et à organiser une mobilisation citoyenne pacifique et efficace. Les exemples sont tirés de campagnes menées en Afrique de l’Ouest.',
    difficulty: 'intermediate',
    price: 15000,
    durationMinutes: 180,
    isFeatured: false,
    modules: [
      {
        title: 'Construire une stratégie de plaidoyer',
        description: 'Du problème à l’objectif, des acteurs aux messages.',
        lessons: [
          {
            title: 'Du problème à l’objectif de plaidoyer',
            description: 'Formuler un objectif spécifique, mesurable et atteignable.',
            contentType: 'text',
            durationMinutes: 20,
            contentText:
              'Le plaidoyer vise à obtenir un changement de politique, de loi ou de pratique auprès de ceux qui ont le pouvoir de décider.\n\n' +
              'Tout commence par l’analyse du problème : quelles en sont les causes, qui en souffre, quelles solutions existent déjà ? ' +
              'L’arbre à problèmes est un outil simple pour passer des symptômes aux causes profondes.\n\n' +
              'Un bon objectif de plaidoyer précise :\n' +
              '- qui doit décider (un ministère, une mairie, une assemblée) ;\n' +
              '- quoi (la mesure attendue, formulée clairement) ;\n' +
              '- quand (une échéance réaliste, liée si possible au calendrier budgétaire ou législatif).',
          },
          {
            title: 'Cartographier les acteurs',
            description: 'Alliés, opposants, indécis : qui influence la décision ?',
            contentType: 'video',
            durationMinutes: 25,
            media: { kind: 'video', filename: 'cartographie-acteurs.webm' },
          },
          {
            title: 'Fiche pratique : matrice pouvoir-intérêt',
            description: 'Une grille à remplir avec votre équipe.',
            contentType: 'document',
            durationMinutes: 10,
            media: {
              kind: 'pdf',
              filename: 'matrice-pouvoir-interet.pdf',
              sections: [
                {
                  heading: 'Classer chaque acteur selon deux questions',
                  lines: [
                    'Quel pouvoir a-t-il sur la décision ? Quel intérêt porte-t-il à notre cause ?',
                    '- Pouvoir fort, intérêt fort : acteurs clés, à associer étroitement.',
                    '- Pouvoir fort, intérêt faible : à convaincre, avec des arguments adaptés.',
                    '- Pouvoir faible, intérêt fort : alliés à mobiliser.',
                    '- Pouvoir faible, intérêt faible : à informer régulièrement.',
                  ],
                },
                {
                  heading: 'Avec votre équipe',
                  lines: [
                    'Listez une dizaine d’acteurs, placez-les dans la grille, puis choisissez trois cibles prioritaires.',
                  ],
                },
              ],
            },
          },
        ],
      },
      {
        title: 'Mobiliser et communiquer',
        description: 'Messages, alliances et mobilisation pacifique.',
        lessons: [
          {
            title: 'Construire des messages qui portent',
            description: 'Un message principal, des messages adaptés à chaque cible.',
            contentType: 'text',
            durationMinutes: 20,
            contentText:
              'Un message de plaidoyer efficace tient en une phrase : le problème, la solution proposée et l’action attendue du décideur.\n\n' +
              'Adaptez ensuite ce message à chaque public : chiffres et coûts pour un ministère des finances, témoignages pour les médias, ' +
              'appel à l’action concret pour les citoyens. Vérifiez toujours vos données et citez vos sources : ' +
              'la crédibilité est le capital le plus précieux d’une organisation de plaidoyer.',
          },
          {
            title: 'Organiser une mobilisation citoyenne',
            description: 'Pétitions, rencontres publiques, campagnes en ligne.',
            contentType: 'video',
            durationMinutes: 20,
            media: { kind: 'video', filename: 'mobilisation-citoyenne.webm' },
          },
        ],
      },
    ],
    finalQuiz: {
      title: 'Évaluation finale : plaidoyer',
      description: 'Obtenez au moins 70 % pour valider le cours et recevoir votre certificat.',
      passingScore: 70,
      timeLimitMinutes: 25,
      questions: [
        {
          questionText: 'Quel outil aide à passer des symptômes aux causes profondes d’un problème ?',
          questionType: 'multiple_choice',
          options: [
            { text: 'L’arbre à problèmes', correct: true },
            { text: 'Le diagramme de Gantt', correct: false },
            { text: 'Le bilan comptable', correct: false },
          ],
        },
        {
          questionText: 'Un objectif de plaidoyer doit désigner clairement qui doit prendre la décision.',
          questionType: 'true_false',
          correctAnswer: 'true',
        },
        {
          questionText: 'Un même message, identique pour tous les publics, est toujours le plus efficace.',
          questionType: 'true_false',
          correctAnswer: 'false',
        },
        {
          questionText:
            'Comment appelle-t-on la grille qui classe les acteurs selon leur influence et leur intérêt ?',
          questionType: 'short_answer',
          correctAnswer: 'matrice pouvoir-intérêt',
          points: 2,
        },
      ],
    },
  },
];
