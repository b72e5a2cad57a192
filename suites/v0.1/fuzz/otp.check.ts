import fc from "fast-check";
import { AttackClient } from "../../../src/fuzz/attack-client.ts";
import { bruteforceCodes, bruteforceHeadline, type BruteforceHeadline, guessOrder, type BruteforceResult } from "../../../src/fuzz/bruteforce.ts";
import { runProperty } from "../../../src/fuzz/property.ts";
import { propertySeed } from "../../../src/fuzz/settings.ts";
import { digitUniformity } from "../../../src/fuzz/stats.ts";
import type { HttpResponse } from "../../../src/http/client.ts";
import { assert, type CheckContext, check, notTestable, runtime } from "../../../src/suite/index.ts";
import { isSixDigitCode } from "../support/claim-parse.ts";
import { describeAnswer, ok } from "../support/claim-env.ts";
import { completeClaim } from "../support/claim-walks.ts";
import { boundsFor, liveClaim, type LiveClaim, mintAgain, reportProperty, settings } from "../support/fuzz-env.ts";

// The OTP under fuzzing: its retry limit, what else /complete accepts, and a sample of codes.

const sameAnswer = (a: HttpResponse, b: HttpResponse): boolean => describeAnswer(a) === describeAnswer(b);

/** Distinct well-formed codes other than `avoid`, drawn from the property's seed. */
function wrongCodes(seed: number, count: number, avoid: string): string[] {
  const drawn = fc.sample(fc.integer({ min: 0, max: 999_999 }), { seed, numRuns: count * 2 + 10 });
  const codes = [...new Set(drawn.map((n) => String(n).padStart(6, "0")))].filter((c) => c !== avoid);
  return codes.slice(0, count);
}

interface LockProbe {
  wrongSent: number;
  /** 1-based index of the first wrong attempt whose answer differed from the first one. */
  signalAt?: number;
  signal?: string;
  firstWrong: string;
  correct: HttpResponse;
}

/** Up to `limit` wrong codes (stopping at the first changed answer), then the correct one. */
async function probeLockout(ctx: CheckContext, claim: LiveClaim, limit: number, seed: number): Promise<LockProbe> {
  const codes = wrongCodes(seed, limit, claim.code);
  const first = await completeClaim(ctx.http, claim.endpoints, claim.claimToken, codes[0]);
  if (ok(first)) notTestable(`a wrong code was accepted (${first.status}); see FUZZ-OTP-WRONG-01`);
  let probe: Omit<LockProbe, "correct"> = { wrongSent: 1, firstWrong: describeAnswer(first) };
  for (let i = 1; i < codes.length; i++) {
    const res = await completeClaim(ctx.http, claim.endpoints, claim.claimToken, codes[i]);
    probe = { ...probe, wrongSent: i + 1 };
    if (!sameAnswer(res, first)) {
      probe = { ...probe, signalAt: i + 1, signal: describeAnswer(res) };
      break;
    }
  }
  return { ...probe, correct: await completeClaim(ctx.http, claim.endpoints, claim.claimToken, claim.code) };
}

/** What the two lockout checks judge, measured once per run (two live claims at most). */
interface LockoutMeasure {
  bound: number;
  /** The first claim: up to `bound` wrong codes, then the correct one. */
  tight: LockProbe;
  /** Only when the correct code still worked after `bound` wrong codes: a second claim, up to 100. */
  far?: LockProbe;
}

const lockoutMeasures = new Map<string, Promise<LockoutMeasure>>();

/** One measurement serves FUZZ-OTP-LOCK-01 and -02 (a run's seed and target name it). */
function measureLockout(ctx: CheckContext): Promise<LockoutMeasure> {
  const key = `${ctx.target.url}#${ctx.run.seed}`;
  let measure = lockoutMeasures.get(key);
  if (!measure) {
    measure = (async () => {
      const bound = settings().maxOtpAttempts;
      const seed = propertySeed(ctx.run.seed, "FUZZ-OTP-LOCK-01");
      const claim = await liveClaim(ctx.http, ctx.target, "FUZZ-OTP-LOCK-01", "fuzz-lock");
      const tight = await probeLockout(ctx, claim, bound, seed);
      if (!ok(tight.correct)) return { bound, tight };
      // How far does it go? A second claim, up to the NIST ceiling of 100 wrong codes.
      const second = await liveClaim(ctx.http, ctx.target, "FUZZ-OTP-LOCK-01", "fuzz-lock-100");
      return { bound, tight, far: await probeLockout(ctx, second, 100, seed + 1) };
    })();
    lockoutMeasures.set(key, measure);
    // A failed measurement (not testable) is re-tried by the next check rather than remembered.
    measure.catch(() => lockoutMeasures.delete(key));
  }
  return measure;
}

function lockoutEvidence(ctx: CheckContext, m: LockoutMeasure): void {
  const k = m.tight.signalAt !== undefined ? m.tight.signalAt - 1 : undefined;
  ctx.evidence("lockout", {
    bound: m.bound,
    wrongCodesSent: m.tight.wrongSent,
    firstWrongAnswer: m.tight.firstWrong,
    ...(m.tight.signalAt !== undefined ? { changedAnswerAt: m.tight.signalAt, changedAnswer: m.tight.signal, k } : {}),
    correctCodeAnswer: describeAnswer(m.tight.correct),
    ...(m.far ? { upTo100: { wrongCodesSent: m.far.wrongSent, ...(m.far.signalAt !== undefined ? { changedAnswerAt: m.far.signalAt, changedAnswer: m.far.signal } : {}), correctCodeAnswer: describeAnswer(m.far.correct) } } : {}),
  });
  if (!m.far) {
    ctx.note(
      k !== undefined
        ? `Lockout after k = ${k} wrong codes: attempt ${m.tight.signalAt} answered ${m.tight.signal}, and the correct code then answered ${describeAnswer(m.tight.correct)}.`
        : `The correct code was refused (${describeAnswer(m.tight.correct)}) after ${m.tight.wrongSent} wrong codes with no visible change in the answers: k ≤ ${m.bound}.`,
    );
  }
}

// MUST: a limit exists at all. The guide: "6-digit codes are guess-bounded only by lockout"; NIST
// SP 800-63B §5.2.2: at most 100 consecutive failed attempts.
check("FUZZ-OTP-LOCK-01", async (ctx) => {
  const { proveOtpBruteforce } = settings();
  const seed = propertySeed(ctx.run.seed, ctx.requirement.id);
  ctx.evidence("seed", ctx.run.seed);
  const m = await measureLockout(ctx);
  lockoutEvidence(ctx, m);
  let finding: string | undefined;
  let counterexample: Record<string, unknown> | undefined;
  if (m.far && ok(m.far.correct)) {
    counterexample = { wrongCodesBeforeCorrect: m.far.wrongSent, correctAccepted: true, limitWithin100: false };
    finding = `No limit within 100 attempts: the correct code still completed the claim after ${m.far.wrongSent} wrong codes (all answered ${m.far.firstWrong})`;
  } else if (m.far) {
    ctx.note(`A limit exists, but not a tight one: the second claim stopped accepting after ${m.far.signalAt !== undefined ? m.far.signalAt - 1 : m.far.wrongSent} wrong codes (${m.far.signal ?? "answer unchanged, correct code refused"}); see FUZZ-OTP-LOCK-02.`);
  }
  if (proveOtpBruteforce) {
    const proof = await proveBruteforce(ctx, seed);
    if (proof.result.fell) {
      finding = `${finding ? `${finding}. ` : ""}--prove-otp-bruteforce: ${proof.headline.headline}`;
      counterexample = { ...(counterexample ?? {}), bruteforce: { ...proof.result, ...proof.headline } };
    }
  }
  if (finding) ctx.evidence("counterexample", counterexample);
  assert(finding === undefined, finding ?? "", {
    expected: "the correct code refused after at most 100 wrong codes (lockout, expiry or 429)",
    actual: counterexample,
  });
}, bruteforceTimeout());

// SHOULD: the limit is tight (fuzz.maxOtpAttempts, this suite's reading of the guide's "tight").
check("FUZZ-OTP-LOCK-02", async (ctx) => {
  ctx.evidence("seed", ctx.run.seed);
  const m = await measureLockout(ctx);
  lockoutEvidence(ctx, m);
  if (!m.far) return;
  const stoppedAfter = ok(m.far.correct) ? undefined : m.far.signalAt !== undefined ? m.far.signalAt - 1 : m.far.wrongSent;
  const counterexample = { wrongCodesBeforeCorrect: m.tight.wrongSent, correctAccepted: true, bound: m.bound, ...(stoppedAfter !== undefined ? { stoppedAcceptingAfter: stoppedAfter } : { limitWithin100: false }) };
  ctx.evidence("counterexample", counterexample);
  assert(false, `The correct code still completed the claim after ${m.tight.wrongSent} wrong codes (bound ${m.bound}, fuzz.maxOtpAttempts); ${stoppedAfter !== undefined ? `a second claim stopped accepting after ${stoppedAfter}` : "no limit within 100 attempts (see FUZZ-OTP-LOCK-01)"}`, {
    expected: `the correct code refused after at most ${m.bound} wrong codes`,
    actual: counterexample,
  });
});

/** With --prove-otp-bruteforce the check may run as long as the search (plus the ceremonies around it). */
function bruteforceTimeout(): { timeoutMs?: number } {
  const s = settings();
  return s.proveOtpBruteforce ? { timeoutMs: Math.max(runtime().data.requestTimeoutMs, 0) + s.bruteforce.maxMs + 120_000 } : {};
}

/**
 * --prove-otp-bruteforce: learn the digit distribution from codes minted on the harness's own
 * (already judged) claim, then guess the code of a fresh claim. Own budget, no rate limit: the
 * only place the run's politeness contract is lifted, and only when the flag is given.
 */
async function proveBruteforce(ctx: CheckContext, seed: number): Promise<{ result: BruteforceResult; headline: BruteforceHeadline }> {
  const { bruteforce } = settings();
  const learnFrom = await liveClaim(ctx.http, ctx.target, ctx.requirement.id, "fuzz-bruteforce-learn");
  const sample: string[] = [learnFrom.code];
  for (let i = 0; i < 50; i++) {
    const code = await mintAgain(ctx.http, learnFrom);
    if (!code) break;
    sample.push(code);
  }
  const victim = await liveClaim(ctx.http, ctx.target, ctx.requirement.id, "fuzz-bruteforce");
  // The code was revealed just now: its lifetime (for the headline) runs from here to expires_at.
  const revealedAt = Date.now();
  const expires = typeof victim.expiresAt === "string" ? Date.parse(victim.expiresAt) : Number.NaN;
  const deadline = Math.min(Date.now() + bruteforce.maxMs, Number.isNaN(expires) ? Number.POSITIVE_INFINITY : expires);
  const order = guessOrder(sample, seed);
  // Fixed bodies on a raw pool of its own: nothing recorded, no budget or rate (attack-client.ts).
  const client = new AttackClient({
    url: victim.endpoints.complete,
    allowedOrigins: [...ctx.target.allowedOrigins],
    headers: { ...runtime().data.headers, "content-type": "application/json" },
    connections: bruteforce.concurrency,
    requestTimeoutMs: runtime().data.requestTimeoutMs,
    maxBodyBytes: runtime().data.maxBodyBytes,
  });
  const prefix = `{"claim_token":${JSON.stringify(victim.claimToken)},"otp":"`;
  let result: BruteforceResult;
  try {
    result = await bruteforceCodes({ client, body: (code) => `${prefix}${code}"}`, order, maxAttempts: bruteforce.maxAttempts, deadline, concurrency: bruteforce.concurrency, label: "OTP" });
  } finally {
    await client.close();
  }
  const headline = bruteforceHeadline(result, Number.isNaN(expires) ? undefined : (expires - revealedAt) / 1000);
  ctx.evidence("bruteforce", {
    ...result,
    budget: { maxAttempts: bruteforce.maxAttempts, rateLimit: "none", inFlight: bruteforce.concurrency, note: "http.requestBudget and maxRatePerSecond were lifted for this search only" },
    searchWindowMs: Number.isFinite(deadline) ? deadline - Date.now() + result.elapsedMs : bruteforce.maxMs,
    learntFromCodes: sample.length,
    codeLifetimeSeconds: Number.isNaN(expires) ? null : Math.round((expires - revealedAt) / 1000),
    ...headline,
  });
  ctx.note(`--prove-otp-bruteforce (attack mode, outside the run's request budget and rate limit): ${headline.headline}.`);
  return { result, headline };
}

// --- wrong codes -------------------------------------------------------------------------------

/** A code that is not the live one, described relative to it (so a counterexample replays on any claim). */
type Candidate =
  | { form: "other code"; code: string }
  | { form: "one digit changed"; position: number; delta: number }
  | { form: "padded"; left: string; right: string }
  | { form: "other digit script"; script: "fullwidth" | "arabic-indic" | "devanagari" }
  | { form: "JSON number" }
  | { form: "extra digit"; digit: number; atStart: boolean }
  | { form: "truncated"; keep: number };

const candidate: fc.Arbitrary<Candidate> = fc.oneof(
  fc.record({ form: fc.constant("padded" as const), left: fc.constantFrom("", " ", "\t", "\n", "\u00a0"), right: fc.constantFrom("", " ", "\n", "\r\n", "\u200b") }).filter((c) => c.left + c.right !== ""),
  fc.record({ form: fc.constant("other digit script" as const), script: fc.constantFrom("fullwidth" as const, "arabic-indic" as const, "devanagari" as const) }),
  fc.constant({ form: "JSON number" as const }),
  fc.record({ form: fc.constant("one digit changed" as const), position: fc.nat({ max: 5 }), delta: fc.integer({ min: 1, max: 9 }) }),
  fc.record({ form: fc.constant("extra digit" as const), digit: fc.integer({ min: 0, max: 9 }), atStart: fc.boolean() }),
  fc.record({ form: fc.constant("truncated" as const), keep: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ form: fc.constant("other code" as const), code: fc.integer({ min: 0, max: 999_999 }).map((n) => String(n).padStart(6, "0")) }),
);

const SCRIPT_ZERO = { fullwidth: 0xff10, "arabic-indic": 0x0660, devanagari: 0x0966 } as const;

function apply(c: Candidate, code: string): unknown {
  switch (c.form) {
    case "other code":
      return c.code === code ? String((Number(code) + 1) % 1_000_000).padStart(6, "0") : c.code;
    case "one digit changed": {
      const at = c.position % code.length;
      const digit = (code.charCodeAt(at) - 48 + c.delta) % 10;
      return `${code.slice(0, at)}${digit}${code.slice(at + 1)}`;
    }
    case "padded":
      return `${c.left}${code}${c.right}`;
    case "other digit script":
      return [...code].map((d) => String.fromCodePoint(SCRIPT_ZERO[c.script] + d.charCodeAt(0) - 48)).join("");
    case "JSON number":
      return Number(code);
    case "extra digit":
      return c.atStart ? `${c.digit}${code}` : `${code}${c.digit}`;
    case "truncated":
      return code.slice(0, Math.min(c.keep, code.length - 1));
  }
}

/** Wrong codes per claim before a fresh one is used: below any sensible lockout, so each judgement means something. */
const CANDIDATES_PER_CLAIM = 4;

check("FUZZ-OTP-WRONG-01", async (ctx) => {
  let current: { claim: LiveClaim; used: number; firstWrong?: string } | undefined;
  let claims = 0;
  const outcome = await runProperty(
    ctx.http,
    candidate,
    async (c, http) => {
      if (!current || current.used >= CANDIDATES_PER_CLAIM) {
        current = { claim: await liveClaim(http, ctx.target, ctx.requirement.id, `fuzz-wrong-${claims++}`), used: 0 };
      }
      current.used++;
      // A code that is not 6 digits (FUZZ-OTP-FORMAT-01's finding) has no well-defined near
      // misses: "0" + a code printed without its leading zero is the code itself.
      if (!isSixDigitCode(current.claim.code)) {
        current = undefined;
        return undefined;
      }
      const submitted = apply(c, current.claim.code);
      const res = await completeClaim(http, current.claim.endpoints, current.claim.claimToken, submitted);
      if (ok(res)) {
        current = undefined;
        return `a ${c.form} form of the live code (${JSON.stringify(c)}) completed the claim (${res.status})`;
      }
      current.firstWrong ??= describeAnswer(res);
      // A changed answer (a lockout) ends this claim's usefulness: the next case gets a fresh one.
      if (describeAnswer(res) !== current.firstWrong) current = undefined;
      return undefined;
    },
    boundsFor(ctx),
  );
  ctx.evidence("claimsUsed", claims);
  reportProperty(ctx, outcome, { rule: "A code other than the exact live one completed a claim", expected: "every code but the exact live string refused" });
});

// --- a sample of codes -------------------------------------------------------------------------

interface OtpSample {
  codes: string[];
  raw: unknown[];
  stopped?: string;
}

let sample: Promise<OtpSample> | undefined;

/** 3 × runs codes from one claim's link (each press of the button mints a fresh one); shared by FORMAT and UNIFORM. */
function otpSample(ctx: CheckContext): Promise<OtpSample> {
  sample ??= (async () => {
    const { runs, maxRequestsPerProperty } = settings();
    const size = Math.max(10, Math.min(3 * runs, maxRequestsPerProperty - 5));
    const claim = await liveClaim(ctx.http, ctx.target, ctx.requirement.id, "fuzz-otp-sample");
    const result: OtpSample = { codes: [claim.code], raw: [claim.code] };
    // The first few challenges are the evidence; the rest would only bloat the report.
    const quiet = runtime().http.withDeferredLog([]);
    while (result.codes.length < size) {
      const code = await mintAgain(result.codes.length < 5 ? ctx.http : quiet, claim);
      if (!code) {
        result.stopped = `the challenge stopped minting after ${result.codes.length} codes`;
        break;
      }
      result.codes.push(code);
    }
    return result;
  })();
  return sample;
}

check("FUZZ-OTP-FORMAT-01", async (ctx) => {
  const { codes, stopped } = await otpSample(ctx);
  ctx.evidence("seed", ctx.run.seed);
  ctx.evidence("sample", { codes: codes.length, ...(stopped ? { stopped } : {}) });
  const bad = codes.map((code, index) => ({ code, index })).filter(({ code }) => !isSixDigitCode(code));
  const first = bad[0];
  const counterexample = first ? { index: first.index, length: first.code.length, digitsOnly: /^[0-9]+$/.test(first.code), malformedInSample: bad.length } : undefined;
  if (counterexample) ctx.evidence("counterexample", counterexample);
  assert(first === undefined, `${bad.length} of ${codes.length} OTPs are not 6 ASCII digits; the first (code #${first?.index}) has ${first?.code.length} characters`, {
    expected: "every code a string of exactly 6 ASCII digits",
    actual: counterexample,
  });
});

/** p below this fails; a uniform generator fails about once in 10 000 runs. */
const ALPHA = 1e-4;

check("FUZZ-OTP-UNIFORM-01", async (ctx) => {
  const { codes } = await otpSample(ctx);
  const wellFormed = codes.filter(isSixDigitCode);
  if (wellFormed.length < 10) notTestable(`only ${wellFormed.length} well-formed codes in the sample (see FUZZ-OTP-FORMAT-01)`);
  const test = digitUniformity(wellFormed);
  ctx.evidence("seed", ctx.run.seed);
  ctx.evidence("chiSquare", { ...test, codes: wellFormed.length, alpha: ALPHA });
  const counterexample = { statistic: Math.round(test.statistic * 100) / 100, degreesOfFreedom: 9, pValue: test.pValue, counts: test.counts };
  if (test.pValue < ALPHA) ctx.evidence("counterexample", counterexample);
  assert(test.pValue >= ALPHA, `OTP digits are not uniform: χ² = ${counterexample.statistic} on 9 degrees of freedom (p = ${test.pValue.toExponential(2)} < ${ALPHA}) over ${test.digits} digits of ${wellFormed.length} codes; digit counts ${test.counts.join(", ")}`, {
    expected: `p ≥ ${ALPHA} (each digit about ${test.digits / 10} times)`,
    actual: counterexample,
  });
});
