import type { Sequelize } from 'sequelize-typescript';
import type { BadgeCriteria, BadgeTier, ChallengeType } from '../constants';
import { Badge, Category, Challenge, ContentTranslation, type TranslatedEntity } from '../models/index';
import { findOrCreateBy, type SeedContext } from './find-or-create';

// Reference data every installation needs: categories, the badge catalogue, a first set of
// challenges. Natural keys: categories.name (unique), badges.name, challenges.name.

const CATEGORIES: { name: string; description: string; color: string; icon: string }[] = [
  {
    name: 'Gouvernance',
    description: 'Gouvernance associative, redevabilité et fonctionnement démocratique des organisations.',
    color: '#1E3A8A',
    icon: 'landmark',
  },
  {
    name: 'Droits humains',
    description: 'Connaître, promouvoir et défendre les droits fondamentaux.',
    color: '#B91C1C',
    icon: 'scale',
  },
  {
    name: 'Leadership',
    description: 'Animer une équipe, prendre la parole, conduire le changement.',
    color: '#7C3AED',
    icon: 'users',
  },
  {
    name: 'Numérique',
    description: 'Outils numériques, sécurité en ligne et communication digitale pour les OSC.',
    color: '#0891B2',
    icon: 'laptop',
  },
  {
    name: 'Gestion de projet',
    description: 'Concevoir, financer, suivre et évaluer un projet de développement.',
    color: '#D97706',
    icon: 'clipboard-list',
  },
  {
    name: 'Plaidoyer',
    description: 'Construire une stratégie de plaidoyer et mobiliser les citoyens.',
    color: '#DB2777',
    icon: 'megaphone',
  },
  {
    name: 'Santé communautaire',
    description: 'Prévention, relais communautaires et accès aux soins de proximité.',
    color: '#059669',
    icon: 'heart-pulse',
  },
  {
    name: 'Environnement',
    description: 'Climat, gestion des ressources naturelles et mobilisation écologique.',
    color: '#65A30D',
    icon: 'leaf',
  },
];

interface BadgeSeed {
  name: string;
  description: string;
  tier: BadgeTier;
  category: string;
  criteria: BadgeCriteria;
}

const BADGES: BadgeSeed[] = [
  // Bronze: the first steps.
  {
    name: 'Premier pas',
    description: 'Terminer sa première leçon.',
    tier: 'bronze',
    category: 'progression',
    criteria: { type: 'lessons_completed', value: 1 },
  },
  {
    name: 'Premier cours',
    description: 'Terminer un premier cours.',
    tier: 'bronze',
    category: 'progression',
    criteria: { type: 'course_completion', value: 1 },
  },
  {
    name: 'Régulier',
    description: 'Apprendre trois jours de suite.',
    tier: 'bronze',
    category: 'assiduite',
    criteria: { type: 'daily_streak', value: 3 },
  },
  {
    name: 'Curieux',
    description: 'Gagner 100 points d’expérience.',
    tier: 'bronze',
    category: 'engagement',
    criteria: { type: 'xp_total', value: 100 },
  },
  // Silver.
  {
    name: 'Assidu',
    description: 'Apprendre sept jours de suite.',
    tier: 'silver',
    category: 'assiduite',
    criteria: { type: 'daily_streak', value: 7 },
  },
  {
    name: 'Sans faute',
    description: 'Obtenir 100 % à un quiz.',
    tier: 'silver',
    category: 'excellence',
    criteria: { type: 'quiz_perfect', value: 1 },
  },
  {
    name: 'Apprenant confirmé',
    description: 'Terminer trois cours.',
    tier: 'silver',
    category: 'progression',
    criteria: { type: 'course_completion', value: 3 },
  },
  {
    name: 'Cap du niveau 5',
    description: 'Atteindre le niveau 5.',
    tier: 'silver',
    category: 'engagement',
    criteria: { type: 'level_reached', value: 5 },
  },
  // Gold.
  {
    name: 'Diplômé',
    description: 'Obtenir trois certificats.',
    tier: 'gold',
    category: 'excellence',
    criteria: { type: 'certificates_earned', value: 3 },
  },
  {
    name: 'Marathonien',
    description: 'Apprendre trente jours de suite.',
    tier: 'gold',
    category: 'assiduite',
    criteria: { type: 'daily_streak', value: 30 },
  },
  {
    name: 'Dévoreur de leçons',
    description: 'Terminer cent leçons.',
    tier: 'gold',
    category: 'progression',
    criteria: { type: 'lessons_completed', value: 100 },
  },
  {
    name: 'Relève les défis',
    description: 'Réussir trois défis.',
    tier: 'gold',
    category: 'engagement',
    criteria: { type: 'challenge_completed', value: 3 },
  },
  // Legendary.
  {
    name: 'Phénix',
    description: 'Atteindre le niveau 12, le plus haut.',
    tier: 'legendary',
    category: 'engagement',
    criteria: { type: 'level_reached', value: 12 },
  },
  {
    name: 'Perfectionniste',
    description: 'Obtenir 100 % à vingt quiz.',
    tier: 'legendary',
    category: 'excellence',
    criteria: { type: 'quiz_perfect', value: 20 },
  },
  {
    name: 'Inarrêtable',
    description: 'Apprendre cent jours de suite.',
    tier: 'legendary',
    category: 'assiduite',
    criteria: { type: 'daily_streak', value: 100 },
  },
  {
    name: 'Pilier de la société civile',
    description: 'Gagner 10 000 points d’expérience.',
    tier: 'legendary',
    category: 'engagement',
    criteria: { type: 'xp_total', value: 10000 },
  },
];

const isoDate = (d: Date): string => d.toISOString().slice(0, 10);
const addDays = (d: Date, days: number): Date => new Date(d.getTime() + days * 86_400_000);

/** Challenge windows relative to `now` (UTC): this week, this month, this quarter, a 14-day event. */
function challengeSeeds(now: Date) {
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const monday = addDays(today, -((today.getUTCDay() + 6) % 7));
  const monthStart = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1));
  const monthEnd = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 0));
  const quarter = Math.floor(today.getUTCMonth() / 3);
  const quarterStart = new Date(Date.UTC(today.getUTCFullYear(), quarter * 3, 1));
  const quarterEnd = new Date(Date.UTC(today.getUTCFullYear(), quarter * 3 + 3, 0));
  const seeds: {
    name: string;
    description: string;
    type: ChallengeType;
    criteria: BadgeCriteria;
    rewardXp: number;
    startDate: string;
    endDate: string;
  }[] = [
    {
      name: 'Défi de la semaine : 5 leçons',
      description: 'Terminez cinq leçons cette semaine.',
      type: 'weekly',
      criteria: { type: 'lessons_completed', value: 5 },
      rewardXp: 50,
      startDate: isoDate(monday),
      endDate: isoDate(addDays(monday, 6)),
    },
    {
      name: 'Défi de la semaine : 3 jours d’affilée',
      description: 'Apprenez trois jours consécutifs.',
      type: 'weekly',
      criteria: { type: 'daily_streak', value: 3 },
      rewardXp: 40,
      startDate: isoDate(monday),
      endDate: isoDate(addDays(monday, 6)),
    },
    {
      name: 'Défi du mois : un cours terminé',
      description: 'Terminez un cours complet ce mois-ci.',
      type: 'monthly',
      criteria: { type: 'course_completion', value: 1 },
      rewardXp: 150,
      startDate: isoDate(monthStart),
      endDate: isoDate(monthEnd),
    },
    {
      name: 'Saison de l’engagement : 1 000 XP',
      description: 'Cumulez 1 000 points d’expérience pendant la saison.',
      type: 'seasonal',
      criteria: { type: 'xp_total', value: 1000 },
      rewardXp: 300,
      startDate: isoDate(quarterStart),
      endDate: isoDate(quarterEnd),
    },
    {
      name: 'Quinzaine de la société civile : 3 quiz parfaits',
      description: 'Obtenez 100 % à trois quiz pendant la quinzaine.',
      type: 'event',
      criteria: { type: 'quiz_perfect', value: 3 },
      rewardXp: 200,
      startDate: isoDate(today),
      endDate: isoDate(addDays(today, 13)),
    },
  ];
  return seeds;
}

/** English names and descriptions of the demo categories, badges and challenges, by French name. */
const ENGLISH: Record<string, [name: string, description: string]> = {
  Gouvernance: ['Governance', 'Governance of associations, accountability and democratic running of organisations.'],
  'Droits humains': ['Human rights', 'Knowing, promoting and defending fundamental rights.'],
  Leadership: ['Leadership', 'Leading a team, speaking in public, driving change.'],
  Numérique: ['Digital', 'Digital tools, online safety and digital communication for CSOs.'],
  'Gestion de projet': ['Project management', 'Designing, funding, monitoring and evaluating a development project.'],
  Plaidoyer: ['Advocacy', 'Building an advocacy strategy and mobilising citizens.'],
  'Santé communautaire': ['Community health', 'Prevention, community relays and access to local care.'],
  Environnement: ['Environment', 'Climate, natural resource management and environmental mobilisation.'],
  'Premier pas': ['First step', 'Complete your first lesson.'],
  'Premier cours': ['First course', 'Complete a first course.'],
  Régulier: ['Regular', 'Learn three days in a row.'],
  Curieux: ['Curious', 'Earn 100 experience points.'],
  Assidu: ['Diligent', 'Learn seven days in a row.'],
  'Sans faute': ['Flawless', 'Score 100% on a quiz.'],
  'Apprenant confirmé': ['Seasoned learner', 'Complete three courses.'],
  'Cap du niveau 5': ['Level 5 milestone', 'Reach level 5.'],
  Diplômé: ['Graduate', 'Earn three certificates.'],
  Marathonien: ['Marathoner', 'Learn thirty days in a row.'],
  'Dévoreur de leçons': ['Lesson devourer', 'Complete a hundred lessons.'],
  'Relève les défis': ['Challenge taker', 'Complete three challenges.'],
  Phénix: ['Phoenix', 'Reach level 12, the highest.'],
  Perfectionniste: ['Perfectionist', 'Score 100% on twenty quizzes.'],
  Inarrêtable: ['Unstoppable', 'Learn a hundred days in a row.'],
  'Pilier de la société civile': ['Pillar of civil society', 'Earn 10,000 experience points.'],
  'Défi de la semaine : 5 leçons': ['Weekly challenge: 5 lessons', 'Complete five lessons this week.'],
  'Défi de la semaine : 3 jours d’affilée': ['Weekly challenge: 3 days in a row', 'Learn three days in a row.'],
  'Défi du mois : un cours terminé': ['Monthly challenge: one course completed', 'Complete a whole course this month.'],
  'Saison de l’engagement : 1 000 XP': ['Season of commitment: 1,000 XP', 'Earn 1,000 experience points during the season.'],
  'Quinzaine de la société civile : 3 quiz parfaits': ['Civil society fortnight: 3 perfect quizzes', 'Score 100% on three quizzes during the fortnight.'],
};

/** The English name and description of a seeded row (left alone if an admin already set them). */
async function seedEnglish(type: TranslatedEntity, row: { id: number; name: string }, ctx: SeedContext): Promise<void> {
  const en = ENGLISH[row.name];
  if (!en) return;
  for (const [field, value] of [['name', en[0]], ['description', en[1]]] as const) {
    const key = { entityType: type, entityId: row.id, locale: 'en', field };
    await findOrCreateBy(ContentTranslation, key, { ...key, value }, ctx);
  }
}

export interface SeedReferenceResult {
  /** Rows created by this run (0 when everything already existed). */
  created: number;
}

/** Categories, badges and challenges, with their English names. Idempotent: safe to run at every start. */
export async function seedReference(
  sequelize: Sequelize,
  opts: { now?: Date } = {},
): Promise<SeedReferenceResult> {
  return sequelize.transaction(async (transaction) => {
    const ctx: SeedContext = { transaction, created: 0 };
    for (const c of CATEGORIES) {
      await seedEnglish('category', await findOrCreateBy(Category, { name: c.name }, { ...c, isActive: true }, ctx), ctx);
    }
    for (const b of BADGES) {
      await seedEnglish('badge', await findOrCreateBy(Badge, { name: b.name }, { ...b, isActive: true }, ctx), ctx);
    }
    for (const ch of challengeSeeds(opts.now ?? new Date())) {
      await seedEnglish('challenge', await findOrCreateBy(Challenge, { name: ch.name }, { ...ch, isActive: true }, ctx), ctx);
    }
    return { created: ctx.created };
  });
}
