import { defineConfig } from 'vitest/config';

// One vitest run at the root, three projects:
//  - unit: pure tests, no I/O (`*.test.ts`)
//  - int:  real MariaDB + Redis (`*.int.test.ts`), one file at a time on the shared test database
//  - e2e:  real Chromium against the built web app and a running API (`apps/web/e2e/*.e2e.test.ts`)
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{apps,packages}/*/src/**/*.test.{ts,tsx}'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'int',
          include: ['{apps,packages}/*/src/**/*.int.test.ts'],
          exclude: ['**/node_modules/**'],
          globalSetup: ['./tooling/vitest/int-global-setup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['apps/web/e2e/**/*.e2e.test.ts'],
          globalSetup: ['./apps/web/e2e/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
