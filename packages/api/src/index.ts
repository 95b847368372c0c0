export { appRouter, type AppRouter, type RouterInputs, type RouterOutputs } from './root';
export {
  createCallerFactory,
  type Context,
  type CurrentSession,
  type RequestMeta,
  type SessionCookies,
} from './trpc';
export { createHttpContext, type HttpContextOptions, type HttpRequestInfo } from './context';
export { guardTrpcRequest, type GuardedRequest } from './request-guard';
