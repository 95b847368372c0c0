// The HTTP side of bench/quiz-submit, shared with its int test: many learners, each with their own
// bearer session, submit their attempt at the same moment through POST /trpc/quizzes.submitAttempt.
// Every answer is kept (status, body), so that a 4xx or 5xx can never pass for a fast submission.

export interface BurstLearner {
  bearer: string;
  attemptId: number;
  answers: { questionId: number; answer: number[] | boolean | string }[];
}

export interface BurstAnswer {
  status: number;
  /** Time from the burst's start to this answer (queueing included), ms. */
  ms: number;
  /** The graded attempt when the call succeeded. */
  result: { id: number; status: string; percentage: number; passed: boolean } | null;
  error: string | null;
}

export interface BurstOutcome {
  answers: BurstAnswer[];
  wallMs: number;
}

/** Fires every submission at once (one connection each, as separate browsers would). */
export async function submitBurstOverHttp(base: string, learners: BurstLearner[], path = '/trpc/quizzes.submitAttempt'): Promise<BurstOutcome> {
  const start = performance.now();
  const answers = await Promise.all(
    learners.map(async (l): Promise<BurstAnswer> => {
      try {
        const res = await fetch(`${base}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${l.bearer}` },
          body: JSON.stringify({ attemptId: l.attemptId, answers: l.answers }),
        });
        const json = (await res.json()) as { result?: { data: BurstAnswer['result'] }; error?: { message: string } };
        return { status: res.status, ms: performance.now() - start, result: json.result?.data ?? null, error: json.error?.message ?? null };
      } catch (err) {
        return { status: 0, ms: performance.now() - start, result: null, error: String(err) };
      }
    }),
  );
  return { answers, wallMs: performance.now() - start };
}

/** Problems of a burst: anything but a 200 carrying a graded attempt. Empty when all is well. */
export function burstProblems(outcome: BurstOutcome): string[] {
  const problems: string[] = [];
  for (const [i, a] of outcome.answers.entries()) {
    if (a.status !== 200 || !a.result || a.result.status !== 'graded') {
      problems.push(`#${i}: HTTP ${a.status} ${a.error ?? JSON.stringify(a.result)}`);
    }
  }
  return problems;
}
