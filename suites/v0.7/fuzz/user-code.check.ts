import fc from "fast-check";
import type { ActorResult, UserActorV07 } from "../../../src/actors/v0_7/types.ts";
import { runProperty } from "../../../src/fuzz/property.ts";
import { digitUniformity } from "../../../src/fuzz/stats.ts";
import type { HttpClient } from "../../../src/http/client.ts";
import { AgentV07 } from "../../../src/profiles/v0_7/agent.ts";
import { assert, check, type CheckContext, notTestable, skip } from "../../../src/suite/index.ts";
import { requireUserAccounts, withUserActor } from "../../../src/suite/user-actor.ts";
import { agentWith } from "../support/agent.ts";
import { anonymousCeremony, boundsFor, type Ceremony, oauthError, reinitiate, reportProperty, settings } from "../support/fuzz-env.ts";

// The user_code under fuzzing (v0.7.md §12 PAGE-02/05/06; RFC 8628 §5.1, §6.1): its shape and
// entropy over a sample, generated wrong codes on the claim form, and the bound on wrong entries.

const SIX_DIGITS = /^[0-9]{6}$/;

/** A login_hint for sampling ceremonies nobody confirms. */
const SAMPLE_HINT = "fuzz-user-code@agents.example.org";

interface CodeSample {
  codes: string[];
  stopped?: string;
}

/** user_codes from one anonymous registration's ceremony and its re-initiations (one request per code). */
async function codeSample(ctx: CheckContext): Promise<CodeSample> {
  const agent = agentWith(ctx, "identity", "claim");
  const { runs, maxRequestsPerProperty } = settings();
  const size = Math.max(10, Math.min(runs * 2, 200, maxRequestsPerProperty - 2));
  const first = await anonymousCeremony(agent, SAMPLE_HINT);
  if ("problem" in first) {
    if ("optedOut" in first) skip(first.problem);
    notTestable(first.problem);
  }
  const codes = [first.ceremony.userCode];
  let stopped: string | undefined;
  while (codes.length < size) {
    const next = await reinitiate(agent, first.claimToken, SAMPLE_HINT);
    if (!next) {
      // A limit on re-initiations is the service's right: judge what was collected.
      stopped = `re-initiation ${codes.length} was refused`;
      break;
    }
    codes.push(next.userCode);
  }
  return { codes, ...(stopped ? { stopped } : {}) };
}

check("FUZZ-UCODE-FORMAT-01", async (ctx) => {
  const { codes, stopped } = await codeSample(ctx);
  ctx.evidence("seed", ctx.run.seed);
  ctx.evidence("sample", { codes: codes.length, ...(stopped ? { stopped } : {}) });
  const bad = codes.filter((code) => !SIX_DIGITS.test(code));
  // The shape of the malformed codes, not which one came first: the service's randomness decides that.
  const counterexample = bad.length
    ? { rule: "not 6 ASCII digits", shapes: [...new Set(bad.map((c) => (/^[0-9]+$/.test(c) ? `${c.length} digits` : `${c.length} characters, not all digits`)))].sort() }
    : undefined;
  if (counterexample) ctx.evidence("counterexample", counterexample);
  assert(bad.length === 0, `${bad.length} of ${codes.length} user_codes are not 6 ASCII digits (${counterexample?.shapes.join(", ")}); replay with --seed ${ctx.run.seed}`, {
    expected: "every user_code a string of exactly 6 ASCII digits",
    actual: counterexample,
  });
});

/** p below this fails; a uniform generator fails about once in 10 000 runs. */
const ALPHA = 1e-4;

/** P(X ≥ k) for X ~ Poisson(λ). */
function poissonTail(k: number, lambda: number): number {
  let term = Math.exp(-lambda);
  let below = 0;
  for (let i = 0; i < k; i++) {
    below += term;
    term *= lambda / (i + 1);
  }
  return Math.max(0, 1 - below);
}

check("FUZZ-UCODE-ENTROPY-01", async (ctx) => {
  const { codes } = await codeSample(ctx);
  const wellFormed = codes.filter((c) => SIX_DIGITS.test(c));
  if (wellFormed.length < 10) notTestable(`only ${wellFormed.length} well-formed user_codes in the sample (see FUZZ-UCODE-FORMAT-01)`);
  const uniformity = digitUniformity(wellFormed);
  // Repeats: pairs that collide, against the birthday expectation over 10^6 codes.
  const repeats = wellFormed.length - new Set(wellFormed).size;
  const expectedPairs = (wellFormed.length * (wellFormed.length - 1)) / 2 / 1e6;
  const repeatTail = poissonTail(repeats, expectedPairs);
  ctx.evidence("seed", ctx.run.seed);
  ctx.evidence("chiSquare", { ...uniformity, codes: wellFormed.length, alpha: ALPHA });
  ctx.evidence("repeats", { repeats, expectedPairs, pValue: repeatTail });
  const failed = [...(uniformity.pValue < ALPHA ? ["digits not uniform (χ²)"] : []), ...(repeatTail < ALPHA ? ["more repeats than chance"] : [])];
  const counterexample = failed.length ? { failed } : undefined;
  if (counterexample) ctx.evidence("counterexample", counterexample);
  assert(
    failed.length === 0,
    `user_codes look guessable: ${[
      uniformity.pValue < ALPHA ? `χ² = ${uniformity.statistic.toFixed(1)} on 9 degrees of freedom (p = ${uniformity.pValue.toExponential(2)}), digit counts ${uniformity.counts.join(", ")}` : "",
      repeatTail < ALPHA ? `${repeats} repeats in ${wellFormed.length} codes where ${expectedPairs.toFixed(4)} are expected (p = ${repeatTail.toExponential(2)})` : "",
    ]
      .filter(Boolean)
      .join("; ")}; replay with --seed ${ctx.run.seed}`,
    { expected: `uniform digits and repeats within chance (p ≥ ${ALPHA})`, actual: counterexample },
  );
});

// --- wrong codes on the claim form ------------------------------------------------------------

/** A wrong code, described relative to the live one (so a counterexample reads the same whatever the code). */
type WrongCode =
  | { kind: "near miss"; position: number; offset: number }
  | { kind: "adjacent swap"; position: number }
  | { kind: "off by"; delta: number }
  | { kind: "other code"; value: number };

const wrongCode: fc.Arbitrary<WrongCode> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("near miss" as const), position: fc.integer({ min: 0, max: 5 }), offset: fc.integer({ min: 1, max: 9 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("adjacent swap" as const), position: fc.integer({ min: 0, max: 4 }) }) },
  // From 10: a smaller step is a near miss in the last digit, which the near-miss kind covers (one kind per case keeps the shrunk counterexample one).
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("off by" as const), delta: fc.integer({ min: 10, max: 999_989 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("other code" as const), value: fc.integer({ min: 0, max: 999_999 }) }) },
);

/** The wrong code for `live`, or undefined when the case happens to give the live code itself. */
function apply(w: WrongCode, live: string): string | undefined {
  const digits = live.split("");
  let code: string;
  switch (w.kind) {
    case "near miss":
      digits[w.position] = String((Number(digits[w.position]) + w.offset) % 10);
      code = digits.join("");
      break;
    case "adjacent swap":
      [digits[w.position], digits[w.position + 1]] = [digits[w.position + 1]!, digits[w.position]!];
      code = digits.join("");
      break;
    case "off by":
      code = String((Number(live) + w.delta) % 1_000_000).padStart(6, "0");
      break;
    case "other code":
      code = String(w.value).padStart(6, "0");
      break;
  }
  return code === live ? undefined : code;
}

/** Wrong entries one ceremony takes in FUZZ-UCODE-WRONG-01 before a fresh one replaces it (below any sane lockout). */
const WRONG_PER_CEREMONY = 3;

function said(result: ActorResult): string {
  return `${result.outcome}${result.reason ? ` (${result.reason})` : ""}, status ${result.httpStatus ?? "-"}`;
}

check("FUZZ-UCODE-WRONG-01", async (ctx) => {
  const accounts = requireUserAccounts();
  agentWith(ctx, "identity", "claim", "token");
  let ceremony: { claimToken: string; ceremony: Ceremony; tries: number } | undefined;
  let fresh = 0;
  const outcome = await withUserActor((actor: UserActorV07) =>
    runProperty(
      ctx.http,
      wrongCode,
      async (w, http: HttpClient) => {
        const agent = new AgentV07(http, ctx.target);
        if (ceremony && ceremony.tries >= WRONG_PER_CEREMONY) {
          const next = await reinitiate(agent, ceremony.claimToken, accounts.confirm.email);
          ceremony = next ? { ...ceremony, ceremony: next, tries: 0 } : undefined;
        }
        if (!ceremony) {
          const started = await anonymousCeremony(agent, accounts.confirm.email);
          if ("problem" in started) {
    if ("optedOut" in started) skip(started.problem);
    notTestable(started.problem);
  }
          fresh++;
          ceremony = { claimToken: started.claimToken, ceremony: started.ceremony, tries: 0 };
        }
        const live = ceremony.ceremony.userCode;
        if (!SIX_DIGITS.test(live)) notTestable("the live user_code is not 6 digits (FUZZ-UCODE-FORMAT-01 judges it)");
        const entered = apply(w, live);
        if (entered === undefined) return undefined;
        ceremony.tries++;
        const c = ceremony.ceremony;
        const result = await actor.confirm({ verificationUri: c.verificationUri, userCode: entered, account: accounts.confirm, intent: "wrong-code", deadline: c.deadline });
        if (result.outcome === "confirmed") {
          ceremony = undefined;
          return `the claim form confirmed a wrong user_code (${w.kind} of the live one): ${said(result)}`;
        }
        return undefined;
      },
      boundsFor(ctx),
    ),
  );
  // The registration the last ceremony belongs to must still be pending (PAGE-05): one poll.
  if (ceremony && !outcome.failed) {
    const poll = await new AgentV07(ctx.http, ctx.target).token.claimGrant(ceremony.claimToken);
    const code = oauthError(poll);
    ctx.evidence("pollAfterWrongCodes", { status: poll.status, error: code ?? null });
    assert(poll.status >= 400 && (code === "authorization_pending" || code === "slow_down"), `after only wrong user_codes the claim grant answered ${poll.status} ${code ?? ""}; the registration must stay pending (PAGE-05)`, {
      expected: "400 authorization_pending (or slow_down)",
      actual: { status: poll.status, error: code },
    });
  }
  ctx.evidence("ceremonies", fresh);
  reportProperty(ctx, outcome, {
    rule: "A wrong user_code confirmed a ceremony",
    expected: "every user_code but the live one refused on the claim form",
  });
});

check("FUZZ-UCODE-LOCK-01", async (ctx) => {
  const accounts = requireUserAccounts();
  const agent = agentWith(ctx, "identity", "claim");
  const limit = settings().maxOtpAttempts;
  const started = await anonymousCeremony(agent, accounts.confirm.email);
  if ("problem" in started) {
    if ("optedOut" in started) skip(started.problem);
    notTestable(started.problem);
  }
  const c = started.ceremony;
  if (!SIX_DIGITS.test(c.userCode)) notTestable("the live user_code is not 6 digits (FUZZ-UCODE-FORMAT-01 judges it)");
  const wrong = String((Number(c.userCode) + 500_000) % 1_000_000).padStart(6, "0");
  await withUserActor(async (actor) => {
    const answers: string[] = [];
    for (let i = 0; i < limit; i++) {
      const result = await actor.confirm({ verificationUri: c.verificationUri, userCode: wrong, account: accounts.confirm, intent: "wrong-code", deadline: c.deadline });
      answers.push(said(result));
      if (result.outcome === "confirmed") notTestable("a wrong user_code confirmed the ceremony (FUZZ-UCODE-WRONG-01 judges it)");
    }
    const live = await actor.confirm({ verificationUri: c.verificationUri, userCode: c.userCode, account: accounts.confirm, intent: "approve", deadline: c.deadline });
    const firstChange = answers.findIndex((a) => a !== answers[0]);
    const bound = live.outcome === "confirmed" ? `none within ${limit} wrong entries` : firstChange > 0 ? `the answer changed after ${firstChange} wrong entries (${answers[firstChange]})` : `the live code was refused after ${limit} wrong entries`;
    ctx.evidence("seed", ctx.run.seed);
    ctx.evidence("wrongEntries", { tried: limit, answers: [...new Set(answers)], bound, liveCodeAfterwards: said(live) });
    ctx.note(`Wrong user_codes allowed on one ceremony: ${bound}.`);
    const counterexample = { wrongEntries: limit, liveCodeThen: live.outcome };
    if (live.outcome === "confirmed") ctx.evidence("counterexample", counterexample);
    assert(live.outcome !== "confirmed", `after ${limit} wrong user_codes the live one still confirmed the ceremony: no retry limit within fuzz.maxOtpAttempts (${limit}); replay with --seed ${ctx.run.seed}`, {
      expected: `the live code refused after at most ${limit} wrong entries (lockout, expiry or 429)`,
      actual: counterexample,
    });
  });
});
