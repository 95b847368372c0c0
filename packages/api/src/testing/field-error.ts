// For the routers' integration tests: a call refused as BAD_REQUEST whose zod issues name `field`.
import { TRPCError } from '@trpc/server';
import { expect } from 'vitest';

export async function expectFieldError(p: Promise<unknown>, field: string): Promise<void> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TRPCError);
  expect((err as TRPCError).code).toBe('BAD_REQUEST');
  const issues = ((err as TRPCError).cause as { issues?: { path: (string | number)[] }[] }).issues ?? [];
  expect(issues.map((i) => i.path.join('.'))).toContain(field);
}
