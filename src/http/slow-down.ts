/**
 * A 429 is the target asking the harness to slow down, not a verdict on whatever check happened
 * to send the request. When the answer says so (a Retry-After header, or the documented error code
 * `rate_limited`), the request is sent again after the wait, within bounds: retries per request,
 * the longest single wait, and the sum of all waits of the run. A 429 that says nothing of the
 * kind (an OTP lockout's `otp_attempts_exceeded`) is an answer, and is returned as it is.
 */
export interface SlowDownPolicy {
  maxRetries: number;
  maxWaitMs: number;
  maxTotalWaitMs: number;
}

/** Without Retry-After, a `rate_limited` answer is retried after this long. */
export const DEFAULT_RETRY_AFTER_MS = 1_000;

/** Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP-date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Shared by every clone of a client: how long the run has waited, and how often it was throttled. */
export class SlowDownLedger {
  waitedMs = 0;
  throttled = 0;
  /** 429s that were not waited out (no slow-down signal, or a bound reached). */
  passedOn = 0;
}

export type SlowDownDecision = { retry: true; waitMs: number } | { retry: false; reason: string };

/** Whether to wait out this answer and send again (attempt: retries already made for this request). */
export function slowDownDecision(
  answer: { status: number; headers: Record<string, string>; json: unknown },
  attempt: number,
  policy: SlowDownPolicy,
  ledger: SlowDownLedger,
  now = Date.now(),
): SlowDownDecision {
  if (answer.status !== 429) return { retry: false, reason: "not a 429" };
  const retryAfter = parseRetryAfter(answer.headers["retry-after"], now);
  const code = (answer.json as { error?: unknown } | undefined)?.error;
  if (retryAfter === undefined && code !== "rate_limited") return { retry: false, reason: "the 429 asks for no retry (no Retry-After, error is not rate_limited)" };
  if (attempt >= policy.maxRetries) return { retry: false, reason: `still 429 after ${attempt} retries (http.slowDown.maxRetries)` };
  const waitMs = retryAfter ?? DEFAULT_RETRY_AFTER_MS;
  if (waitMs > policy.maxWaitMs) return { retry: false, reason: `Retry-After asks for ${waitMs} ms, more than http.slowDown.maxWaitMs (${policy.maxWaitMs})` };
  if (ledger.waitedMs + waitMs > policy.maxTotalWaitMs) return { retry: false, reason: `the run already waited ${ledger.waitedMs} ms for rate limits (http.slowDown.maxTotalWaitMs ${policy.maxTotalWaitMs})` };
  return { retry: true, waitMs };
}
