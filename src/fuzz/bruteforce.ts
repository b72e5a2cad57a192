import { waiting } from "../suite/progress.ts";
import type { AttackClient } from "./attack-client.ts";

/**
 * The code exhaustion proofs (--prove-otp-bruteforce): guess every 6-digit code of one claim (the
 * v0.1 OTP, the v0.7 user_code) until it falls, the service locks the attempt, or a bound is
 * reached. Opt-in attack mode; the caller gives it its own raw client (attack-client.ts).
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
  /** The raw path to the form action or endpoint (own pool, nothing recorded; the run's budget and rate do not apply). */
  client: AttackClient;
  /** The fixed request body for one guess (the code as 6 digits). */
  body: (code: string) => string;
  order: Uint32Array;
  maxAttempts: number;
  /** Epoch ms: the earlier of the time bound and the code's expiry. */
  deadline: number;
  concurrency: number;
  /** What is guessed, for the progress line ("OTP", "user_code"). */
  label?: string;
}

export interface BruteforceResult {
  fell: boolean;
  attempts: number;
  elapsedMs: number;
  requestsPerSecond: number;
  stoppedBy: "found" | "locked" | "max-attempts" | "time" | "error";
  /** The answer that stopped the search (status and error code or page title). */
  stopAnswer?: string;
  /** The first answer to a wrong guess, which every other wrong guess got too. */
  wrongAnswer?: string;
  /** 1-based index in the guess order of the code that worked. */
  foundAtGuess?: number;
}

/**
 * What an answer says, without what varies between two identical answers: the status and the
 * JSON `error`, else the HTML <title>, else the status alone.
 */
export function answerSignature(status: number, text: string): string {
  const head = text.trimStart();
  if (head.startsWith("{")) {
    try {
      const error = (JSON.parse(head) as { error?: unknown }).error;
      return typeof error === "string" ? `${status} ${error}` : `${status}`;
    } catch {
      return `${status}`;
    }
  }
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
  return title ? `${status} ${title}` : `${status}`;
}

/**
 * Guess codes in `order` until one is taken (a 2xx unlike the wrong-code answer), the answer
 * changes (a lockout, an expiry, a 429), or a bound is reached. `concurrency` guesses in flight
 * on the attack client's own pool; bookkeeping is a counter, and an answer whose text equals the
 * last wrong one is judged without parsing.
 */
export async function bruteforceCodes(options: BruteforceOptions): Promise<BruteforceResult> {
  const started = performance.now();
  let next = 0;
  let attempts = 0;
  type Stop = Pick<BruteforceResult, "stoppedBy" | "stopAnswer" | "foundAtGuess">;
  let stop: Stop | undefined;
  let wrongAnswer: string | undefined;
  let wrongText: string | undefined;
  const limit = Math.min(options.maxAttempts, options.order.length);
  const { client, body, order, deadline } = options;
  waiting(`${options.label ?? "OTP"} brute-force proof: up to ${limit.toLocaleString("en-US")} guesses, ${options.concurrency} at a time`, deadline - Date.now());

  const worker = async (): Promise<void> => {
    while (stop === undefined) {
      if (next >= limit) {
        stop ??= { stoppedBy: "max-attempts" };
        return;
      }
      if (Date.now() >= deadline) {
        stop ??= { stoppedBy: "time" };
        return;
      }
      const index = next++;
      const code = String(order[index]).padStart(6, "0");
      let status: number;
      let text: string;
      try {
        ({ status, text } = await client.post(body(code)));
      } catch (err) {
        stop ??= { stoppedBy: "error", stopAnswer: (err as Error).message };
        return;
      }
      attempts++;
      if (text === wrongText) continue;
      const sig = answerSignature(status, text);
      // A hit wins over a stop already seen: guesses sent after the right one can come back first
      // ("already claimed") while the service is still completing the claim.
      if (status >= 200 && status < 300 && sig !== wrongAnswer) {
        // (The cast undoes TypeScript's narrowing: other workers set `stop` during the await.)
        if ((stop as Stop | undefined)?.stoppedBy !== "found") stop = { stoppedBy: "found", foundAtGuess: index + 1, stopAnswer: sig };
        return;
      }
      if (stop !== undefined) return;
      if (wrongAnswer === undefined) {
        wrongAnswer = sig;
        wrongText = text;
      } else if (sig !== wrongAnswer) {
        // Any answer other than the plain "wrong code" one means the attempt is no longer open.
        stop = { stoppedBy: "locked", stopAnswer: sig };
      }
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
