export const fr = {
  'app.name': 'MdSC MOOC',
  'app.tagline': 'Apprendre, progresser, certifier : des cours pour la société civile.',
  'nav.home': 'Accueil',
  'nav.catalog': 'Catalogue',
  'nav.language': 'Langue',
  'nav.skip': 'Aller au contenu',
  'categories.title': 'Catégories',
  'categories.courses': '{count, plural, =0 {aucun cours} one {# cours} other {# cours}}',
  'categories.empty': 'Aucune catégorie pour le moment.',
  'common.loading': 'Chargement…',
  'common.error': 'Impossible de charger les données.',
  'common.retry': 'Réessayer',
  'notFound.title': 'Page introuvable',
  'notFound.back': "Retour à l'accueil",
  'footer.text': 'MdSC MOOC — plateforme ouverte de formation en ligne',
} as const;
export type MessageKey = keyof typeof fr;
