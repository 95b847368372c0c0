import type { AppRouter } from '@mdsc/api';
import { FIRST_SCREEN_ELEMENT_ID, type FirstScreenPayload } from '@mdsc/validators';
import { createTRPCClient, type TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import { describe, expect, it } from 'vitest';
import { firstScreenLink, takeFirstScreen } from './first-screen';

/** A document holding the server's script element (or none). */
function page(payload: FirstScreenPayload | string | null) {
  let removed = false;
  const el = { textContent: typeof payload === 'string' ? payload : JSON.stringify(payload), remove: () => void (removed = true) };
  return {
    doc: { getElementById: (id: string) => (payload !== null && id === FIRST_SCREEN_ELEMENT_ID && !removed ? (el as unknown as HTMLElement) : null) },
    removed: () => removed,
  };
}
const payload: FirstScreenPayload = {
  locale: 'fr',
  answers: [
    { path: 'auth.me', input: undefined, data: null },
    { path: 'courses.list', input: { sort: 'newest', limit: 20 }, data: { items: [{ slug: 'inline' }], nextCursor: null } },
  ],
};

/** A client whose network records what reaches it and answers "network". */
function client(answers: Map<string, unknown>) {
  const asked: string[] = [];
  const network: TRPCLink<AppRouter> = () => ({ op }) =>
    observable((o) => {
      asked.push(op.path);
      o.next({ result: { type: 'data', data: 'network' } });
      o.complete();
    });
  return { asked, trpc: createTRPCClient<AppRouter>({ links: [firstScreenLink(answers), network] }) };
}

describe('first screen (inlined answers)', () => {
  it('answers the inlined queries once each, from the page, and sends the rest to the API', async () => {
    const p = page(payload);
    const { asked, trpc } = client(takeFirstScreen('fr', p.doc));
    expect(p.removed()).toBe(true);
    // The infinite query's first page comes with `direction` and no cursor: the same question.
    expect(await trpc.courses.list.query({ limit: 20, sort: 'newest', direction: 'forward' } as never)).toEqual({
      items: [{ slug: 'inline' }],
      nextCursor: null,
    });
    expect(await trpc.auth.me.query()).toBeNull();
    expect(asked).toEqual([]);
    // Asked again (a refetch), or another page: the API answers.
    expect(await trpc.auth.me.query()).toBe('network');
    expect(await trpc.courses.list.query({ limit: 20, sort: 'newest', cursor: 'next', direction: 'forward' } as never)).toBe('network');
    expect(await trpc.categories.list.query()).toBe('network');
    expect(asked).toEqual(['auth.me', 'courses.list', 'categories.list']);
  });

  it('ignores answers made in another language than the one shown, and a broken or missing element', async () => {
    expect(takeFirstScreen('en', page(payload).doc).size).toBe(0);
    expect(takeFirstScreen('fr', page('{not json').doc).size).toBe(0);
    expect(takeFirstScreen('fr', page(null).doc).size).toBe(0);
    const { asked, trpc } = client(takeFirstScreen('en', page(payload).doc));
    expect(await trpc.auth.me.query()).toBe('network');
    expect(asked).toEqual(['auth.me']);
  });
});
