// Checks on a whole HTTP request to /trpc, made before any of its procedures runs. tRPC reads
// inputs lazily: a procedure without input never parses the body, so without this a malformed
// body would not stop `notifications.markAllRead` or `auth.logout` from running.
import { TRPCError } from '@trpc/server';
import type { TRPCRequestInfo } from '@trpc/server/http';

export interface GuardedRequest {
  method: string;
  /** The request carries a body (non-empty). An absent body is a call without input. */
  hasBody: boolean;
}

/**
 * Throws (the whole request fails, nothing runs) when
 *  - a batch of several calls contains an `auth.*` mutation: each login, sign-up or reset is its
 *    own request, so that limits and logs see it as one (batch size itself is capped by tRPC's
 *    `maxBatchSize`, see TRPC_MAX_BATCH_SIZE);
 *  - the body (or the `input` query parameter) is not JSON: PARSE_ERROR, HTTP 400;
 *  - a batch body is not an object of inputs: BAD_REQUEST.
 */
export async function guardTrpcRequest(info: TRPCRequestInfo, req: GuardedRequest): Promise<void> {
  if (info.isBatchCall && info.calls.length > 1) {
    const auth = info.calls.find((c) => c.path.startsWith('auth.') && c.procedure?._def.type === 'mutation');
    if (auth) throw new TRPCError({ code: 'BAD_REQUEST', message: 'auth_batch_refused' });
  }
  if (req.method !== 'GET' && !req.hasBody) return;
  try {
    // Memoised by tRPC: the procedures later get these same parsed inputs.
    for (const call of info.calls) await call.getRawInput();
  } catch (err) {
    if (err instanceof TRPCError && err.cause instanceof SyntaxError) {
      throw new TRPCError({ code: 'PARSE_ERROR', message: 'invalid_json', cause: err.cause });
    }
    throw err;
  }
}
