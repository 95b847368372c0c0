export { appRouter, type AppRouter, type RouterInputs, type RouterOutputs } from './root';
export { createCallerFactory, type Context, type RequestMeta } from './trpc';
