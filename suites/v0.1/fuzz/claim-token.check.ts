import fc from "fast-check";
import { runProperty } from "../../../src/fuzz/property.ts";
import { estimateTokenEntropy } from "../../../src/fuzz/stats.ts";
import type { HttpClient } from "../../../src/http/client.ts";
import { getProfile } from "../../../src/profiles/index.ts";
import { assert, check, notTestable, skip } from "../../../src/suite/index.ts";
import { bodyOf, claimEndpoints, describeAnswer, ok, uniqueAddress } from "../support/claim-env.ts";
import { completeClaim } from "../support/claim-walks.ts";
import { boundsFor, liveClaim, type LiveClaim, mintAgain, reportProperty, settings, startClaim } from "../support/fuzz-env.ts";

// The claim_token under fuzzing: its entropy, what else the claim endpoints accept, and its binding.

const MIN_BITS = 128;

check("FUZZ-CT-ENTROPY-01", async (ctx) => {
  const { runs, maxRequestsPerProperty } = settings();
  const size = Math.max(2, Math.min(runs, 50, Math.floor(maxRequestsPerProperty / 2)));
  const tokens: string[] = [];
  let stopped: string | undefined;
  // v0.1 walks its own registration; v0.7 (SHARED_WITH_V0_1) takes anonymous claim_tokens through the driver.
  const driver = getProfile(ctx.target.profile).agent(ctx.http, ctx.target);
  for (let i = 0; i < size; i++) {
    const started = driver.newClaimToken ? await driver.newClaimToken() : await startClaim(ctx.http, ctx.target, ctx.requirement.id, `fuzz-entropy-${i}`, { claim: false });
    if ("problem" in started) {
      if ("optedOut" in started && started.optedOut && tokens.length === 0) skip(started.problem);
      // A rate limit (429) on registrations is the service doing its job: judge what was collected.
      stopped = started.problem;
      break;
    }
    tokens.push(started.claimToken);
  }
  if (tokens.length < 2) notTestable(`fewer than two claim_tokens were issued: ${stopped ?? "no registration"}`);
  const estimate = estimateTokenEntropy(tokens);
  ctx.evidence("seed", ctx.run.seed);
  ctx.evidence("entropy", { ...estimate, ...(stopped ? { sampleStopped: stopped } : {}) });
  const problems: string[] = [];
  if (estimate.unique < tokens.length) problems.push(`${tokens.length - estimate.unique} duplicate claim_tokens in ${tokens.length}`);
  if (estimate.bits < MIN_BITS) {
    problems.push(`about ${estimate.bits} bits: ${estimate.varyingPositions} varying positions after the prefix ${JSON.stringify(estimate.commonPrefix)} over a ${estimate.alphabet} alphabet (${estimate.alphabetSize} symbols)`);
  }
  const counterexample = { samples: tokens.length, unique: estimate.unique, bits: estimate.bits, varyingPositions: estimate.varyingPositions, alphabet: estimate.alphabet };
  if (problems.length) ctx.evidence("counterexample", counterexample);
  assert(problems.length === 0, `claim_tokens are guessable: ${problems.join("; ")}`, { expected: `unique tokens carrying ≥ ${MIN_BITS} bits`, actual: counterexample });
});

// --- garbage tokens ----------------------------------------------------------------------------

type Garbage =
  | { kind: "empty" }
  | { kind: "huge"; length: number }
  | { kind: "unicode"; value: string }
  | { kind: "near miss"; position: number; replacement: string };

const NEAR_MISS_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-";

/**
 * Up to 64 code points from anywhere in Unicode, lone surrogates included, biased towards ASCII
 * and the BMP. Hand-built from integers because fc.string({ unit: "binary" }) spends over a
 * second building its code-point map on every run.
 */
const anyCodePoints = fc
  .array(fc.oneof(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0x80, max: 0xffff }), fc.integer({ min: 0x10000, max: 0x10ffff })), { maxLength: 64 })
  .map((points) => String.fromCodePoint(...points));

const garbage: fc.Arbitrary<{ endpoint: "/claim" | "/complete"; token: Garbage }> = fc.record({
  endpoint: fc.constantFrom("/claim" as const, "/complete" as const),
  token: fc.oneof(
    { weight: 3, arbitrary: fc.record({ kind: fc.constant("near miss" as const), position: fc.noBias(fc.nat({ max: 255 })), replacement: fc.constantFrom(...NEAR_MISS_CHARS) }) },
    { weight: 1, arbitrary: fc.constant({ kind: "empty" as const }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("huge" as const), length: fc.integer({ min: 1_000, max: 100_000 }) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("unicode" as const), value: anyCodePoints }) },
  ),
});

function tokenFor(g: Garbage, real: string): string {
  switch (g.kind) {
    case "empty":
      return "";
    case "huge":
      return "clm_".padEnd(g.length, "A");
    case "unicode":
      return g.value === real ? `${g.value}x` : g.value;
    case "near miss": {
      const at = g.position % real.length;
      const replacement = g.replacement === real[at] ? NEAR_MISS_CHARS[(NEAR_MISS_CHARS.indexOf(g.replacement) + 1) % NEAR_MISS_CHARS.length]! : g.replacement;
      return `${real.slice(0, at)}${replacement}${real.slice(at + 1)}`;
    }
  }
}

check("FUZZ-CT-GARBAGE-01", async (ctx) => {
  const endpoints = claimEndpoints(ctx.target);
  // A live token to miss by one character (its registration stays unclaimed).
  const started = await startClaim(ctx.http, ctx.target, ctx.requirement.id, "fuzz-garbage", { claim: false });
  if ("problem" in started) notTestable(started.problem);
  const email = uniqueAddress("fuzz-garbage-claim");
  // What /complete answers for a token nobody issued, of the real one's length: a near miss that
  // gets anything else was resolved to a registration (accepted as its claim_token).
  const unknown = tokenFor({ kind: "near miss", position: 0, replacement: "x" }, `clm_${"Z".repeat(Math.max(1, started.claimToken.length - 4))}`);
  const unknownAnswer = describeAnswer(await completeClaim(ctx.http, endpoints, unknown, "000000"));
  ctx.evidence("unknownTokenAnswer", unknownAnswer);
  const serverErrors: string[] = [];
  const outcome = await runProperty(
    ctx.http,
    garbage,
    async ({ endpoint, token: g }, http) => {
      const token = tokenFor(g, started.claimToken);
      const res =
        endpoint === "/claim"
          ? await http.postJson(endpoints.claim, { claim_token: token, email })
          : await completeClaim(http, endpoints, token, "000000");
      if (res.status >= 500) serverErrors.push(`${endpoint} ${g.kind} → ${res.status}`);
      if (ok(res)) return `${endpoint} accepted a ${g.kind} claim_token (${describeAnswer(res)})`;
      if (endpoint === "/complete" && g.kind === "near miss" && res.status < 500 && describeAnswer(res) !== unknownAnswer) {
        return `/complete resolved a near miss of a real claim_token to its registration: it answered ${describeAnswer(res)} where a token nobody issued gets ${unknownAnswer}`;
      }
      return undefined;
    },
    boundsFor(ctx),
  );
  if (serverErrors.length) ctx.note(`5xx answers to garbage tokens (judged by FUZZ-INPUT-01): ${[...new Set(serverErrors)].slice(0, 5).join("; ")}`);
  reportProperty(ctx, outcome, {
    rule: "A claim_token that was never issued was accepted",
    expected: "4xx for every claim_token but the exact issued one",
    describe: ({ endpoint, token: g }) => ({ endpoint, token: g.kind === "unicode" ? { kind: g.kind, value: JSON.stringify(g.value) } : g }),
  });
});

// --- binding -----------------------------------------------------------------------------------

/** Wrong codes one claim may take in this property before a fresh one replaces it (below any sane lockout). */
const CROSS_TRIES_PER_CLAIM = 3;

interface Held {
  claim: LiveClaim;
  tries: number;
}

check("FUZZ-CT-BIND-01", async (ctx) => {
  const endpoints = claimEndpoints(ctx.target);
  let pair: [Held, Held] | undefined;
  let made = 0;
  const fresh = async (http: HttpClient): Promise<Held> => ({ claim: await liveClaim(http, ctx.target, ctx.requirement.id, `fuzz-bind-${made++}`), tries: 0 });

  // /claim names the registration the token belongs to (anonymous only: verified_email has no /claim).
  const first = await fresh(ctx.http);
  if (first.claim.kind === "anonymous") {
    const again = await ctx.http.postJson(endpoints.claim, { claim_token: first.claim.claimToken, email: first.claim.email });
    assert(!ok(again) || bodyOf(again).registration_id === first.claim.registrationId, "/claim answered with another registration's registration_id", {
      expected: first.claim.registrationId,
      actual: bodyOf(again).registration_id,
    });
  }
  pair = [first, await fresh(ctx.http)];

  const outcome = await runProperty(
    ctx.http,
    fc.record({ presenter: fc.constantFrom(0 as const, 1 as const), remintOther: fc.boolean() }),
    async ({ presenter, remintOther }, http) => {
      if (!pair) pair = [await fresh(http), await fresh(http)];
      for (const i of [0, 1] as const) if (pair[i].tries >= CROSS_TRIES_PER_CLAIM) pair[i] = await fresh(http);
      const mine = pair[presenter];
      const other = pair[presenter === 0 ? 1 : 0];
      if (remintOther) {
        const code = await mintAgain(http, other.claim);
        if (code) other.claim = { ...other.claim, code };
      }
      // Two live codes can coincide (1 in 10^6): then the case asks nothing about binding.
      if (other.claim.code === mine.claim.code) return undefined;
      mine.tries++;
      const res = await completeClaim(http, mine.claim.endpoints, mine.claim.claimToken, other.claim.code);
      if (ok(res)) {
        pair = undefined;
        return `/complete accepted registration ${presenter === 0 ? "A" : "B"}'s claim_token with the other registration's live code (${res.status})`;
      }
      return undefined;
    },
    boundsFor(ctx, 0.5),
  );
  reportProperty(ctx, outcome, {
    rule: "A claim_token was completed with another registration's code",
    expected: "/complete refuses a code minted for another registration",
    describe: ({ presenter, remintOther }) => ({ claimTokenOf: presenter === 0 ? "A" : "B", otpOf: presenter === 0 ? "B" : "A", freshlyMintedOtp: remintOther }),
  });
});
