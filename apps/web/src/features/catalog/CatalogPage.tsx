// The catalog: search, filters, sort, and infinite scroll over cursor pages. Filters live in the
// URL (?q=…&category=…) so that a search can be shared and survives a reload.
import { catalogFilters, catalogListInput, COURSE_SORTS, DIFFICULTIES, type CatalogFilters, type CourseSort } from '@mdsc/validators';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useLocation, useSearch } from 'wouter';
import { useI18n } from '../../i18n';
import { trpc } from '../../lib/trpc';
import { flatPages, QueryState } from '../../ui/QueryState';
import { CourseCard } from './CourseCard';
import { COURSE_LANGUAGES, languageName } from '../../i18n/languages';

type Filters = CatalogFilters;

export function CatalogPage() {
  const { t, locale } = useI18n();
  const search = useSearch();
  const [, navigate] = useLocation();
  const filters = catalogFilters(search);
  const [q, setQ] = useState(filters.q);
  const categories = trpc.categories.list.useQuery();

  const update = (patch: Partial<Filters>) => {
    const next = { ...filters, ...patch };
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v && !(k === 'sort' && v === 'newest')) p.set(k, v);
    navigate(`/courses${p.size ? `?${p}` : ''}`, { replace: true });
  };

  // The same first query as the server's (packages/validators/first-screen): it may answer it inline.
  const list = trpc.courses.list.useInfiniteQuery(
    catalogListInput(filters),
    { getNextPageParam: (last) => last.nextCursor ?? undefined },
  );

  // "Vouliez-vous dire…": the search with its unknown words replaced by the courses' own words.
  const suggestion = trpc.courses.searchSuggestion.useQuery({ q: filters.q }, { enabled: !!filters.q.trim(), staleTime: 60_000 });
  const didYouMean = filters.q && suggestion.data && suggestion.data !== filters.q.trim().toLowerCase() ? suggestion.data : null;

  // Infinite scroll: load the next page when the sentinel below the list comes into view.
  const sentinel = useRef<HTMLDivElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !hasNextPage || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
      },
      { rootMargin: '400px' },
    );
    io.observe(el);
    return () => io.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const onSearch = (e: FormEvent) => {
    e.preventDefault();
    update({ q: q.trim() });
  };

  return (
    <section aria-labelledby="catalog-title" className="stack">
      <h1 id="catalog-title">{t('catalog.title')}</h1>
      <form role="search" onSubmit={onSearch} className="search-bar">
        <label htmlFor="catalog-q" className="visually-hidden">
          {t('catalog.search')}
        </label>
        <input
          id="catalog-q"
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder={t('catalog.searchPlaceholder')}
          maxLength={200}
        />
        <button type="submit">{t('catalog.searchButton')}</button>
      </form>
      <div className="filters" aria-label={t('catalog.filters')} role="group">
        <label className="field">
          <span>{t('catalog.category')}</span>
          <select value={filters.category} onChange={(e) => update({ category: e.target.value })}>
            <option value="">{t('catalog.all')}</option>
            {categories.data?.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('catalog.difficulty')}</span>
          <select value={filters.difficulty} onChange={(e) => update({ difficulty: e.target.value })}>
            <option value="">{t('catalog.all')}</option>
            {DIFFICULTIES.map((d) => (
              <option key={d} value={d}>
                {t(`difficulty.${d}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('catalog.language')}</span>
          <select value={filters.language} onChange={(e) => update({ language: e.target.value })}>
            <option value="">{t('catalog.all')}</option>
            {COURSE_LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {languageName(l, locale)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('catalog.price')}</span>
          <select value={filters.pricing} onChange={(e) => update({ pricing: e.target.value })}>
            <option value="">{t('catalog.all')}</option>
            <option value="free">{t('catalog.free')}</option>
            <option value="paid">{t('catalog.paid')}</option>
          </select>
        </label>
        <label className="field">
          <span>{t('catalog.sort')}</span>
          <select value={filters.sort} onChange={(e) => update({ sort: e.target.value as CourseSort })}>
            {COURSE_SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`catalog.sort.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </div>

      {didYouMean && (
        <p className="did-you-mean" data-testid="did-you-mean">
          {t('catalog.didYouMean')}{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setQ(didYouMean);
              update({ q: didYouMean });
            }}
          >
            {didYouMean}
          </button>
          {t('catalog.didYouMeanEnd')}
        </p>
      )}
      <QueryState
        query={flatPages(list)}
        isEmpty={(d) => d.length === 0}
        empty={filters.q ? t('catalog.noResults', { q: filters.q }) : t('catalog.empty')}
        skeleton={
          <ul className="course-grid" aria-busy="true" aria-label={t('common.loading')}>
            {Array.from({ length: 6 }, (_, i) => (
              <li key={i} className="course-card skeleton" />
            ))}
          </ul>
        }
      >
        {(courses) => (
          <ul className="course-grid" data-testid="course-list">
            {courses.map((c, i) => (
              <CourseCard key={c.id} course={c} heading="h2" first={i === 0} />
            ))}
          </ul>
        )}
      </QueryState>
      <div ref={sentinel} aria-hidden="true" />
      {hasNextPage && (
        <p className="center">
          <button
            type="button"
            className="secondary"
            onClick={() => void fetchNextPage()}
            disabled={isFetchingNextPage}
          >
            {isFetchingNextPage ? t('common.loading') : t('catalog.more')}
          </button>
        </p>
      )}
    </section>
  );
}
