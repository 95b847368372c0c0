import type { MessageKey } from './fr';

export const en: Record<MessageKey, string> = {
  'app.name': 'MdSC MOOC',
  'app.tagline': 'Learn, progress, get certified: courses for civil society.',
  'nav.home': 'Home',
  'nav.catalog': 'Catalog',
  'nav.language': 'Language',
  'nav.skip': 'Skip to content',
  'categories.title': 'Categories',
  'categories.courses': '{count, plural, =0 {no courses} one {# course} other {# courses}}',
  'categories.empty': 'No categories yet.',
  'common.loading': 'Loading…',
  'common.error': 'Could not load the data.',
  'common.retry': 'Retry',
  'notFound.title': 'Page not found',
  'notFound.back': 'Back to home',
  'footer.text': 'MdSC MOOC — open online learning platform',
};
