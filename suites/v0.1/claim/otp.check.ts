import { assert, check, type CheckContext, notTestable } from "../../../src/suite/index.ts";
import { isSixDigitCode, otpExpiryProblem } from "../support/claim-parse.ts";
import { attachSteps, bodyOf, claimEndpoints, describeAnswer, documentedCode, ok, recordCreated } from "../support/claim-env.ts";
import { allWalks, type AnonymousWalk, completeClaim, type VerifiedEmailWalk, walkName, walksStopped } from "../support/claim-walks.ts";

// The one-time code: its shape, its lifetime, rotation, single use, and what GET must not do.

type Walk = VerifiedEmailWalk | AnonymousWalk;

/** Walks whose ceremony got at least as far as `has` asks; not testable (citing why) when none did. */
async function walksWith(ctx: CheckContext, has: (walk: Walk) => boolean, labels: readonly string[]): Promise<Walk[]> {
  const { walks, absent } = await allWalks(ctx.target);
  const usable = walks.filter(has);
  for (const walk of usable) attachSteps(ctx, walk.steps, labels);
  if (usable.length === 0) {
    const reasons = [...absent, ...walks.map((w) => `${walkName(w)}: ${w.stopped ?? "the ceremony did not get that far"}`)];
    walksStopped(walks, reasons.join("; "));
  }
  return usable;
}

check("OTP-01", async (ctx) => {
  const walks = await walksWith(ctx, (w) => (w.ceremony?.reveals ?? []).some((r) => ok(r.reveal.response)), ["challenge"]);
  const problems: string[] = [];
  for (const walk of walks) {
    for (const { reveal } of walk.ceremony!.reveals) {
      if (!ok(reveal.response)) continue;
      const body = bodyOf(reveal.response);
      if (body.type !== "otp") problems.push(`${walkName(walk)}: type is ${JSON.stringify(body.type)}, expected "otp"`);
      if (!isSixDigitCode(reveal.raw)) {
        const shown = typeof reveal.raw === "string" ? `a ${reveal.raw.length}-character string` : `a ${typeof reveal.raw}`;
        problems.push(`${walkName(walk)}: challenge is ${shown}, expected a string of 6 ASCII digits`);
      }
    }
  }
  assert(problems.length === 0, `The OTP is not a 6-digit string: ${[...new Set(problems)].join("; ")}`, {
    expected: '{"type": "otp", "challenge": "012345"}',
    actual: [...new Set(problems)],
  });
});

check("OTP-02", async (ctx) => {
  const walks = await walksWith(ctx, (w) => (w.ceremony?.reveals ?? []).some((r) => ok(r.reveal.response)), ["challenge"]);
  const problems: string[] = [];
  for (const walk of walks) {
    for (const { reveal, at } of walk.ceremony!.reveals) {
      if (!ok(reveal.response)) continue;
      const problem = otpExpiryProblem(reveal.expiresAt, at);
      if (problem) problems.push(`${walkName(walk)}: ${problem}`);
    }
  }
  assert(problems.length === 0, `The OTP lifetime breaks the 10-minute limit: ${[...new Set(problems)].join("; ")}`, {
    expected: "expires_at ≤ now + 10 min",
    actual: [...new Set(problems)],
  });
});

check("OTP-03", async (ctx) => {
  const walks = await walksWith(ctx, (w) => w.ceremony?.later !== undefined, ["challenge", "complete:rotated"]);
  const problems: string[] = [];
  for (const walk of walks) {
    const c = walk.ceremony!;
    if (c.earlier === c.later) {
      problems.push(`${walkName(walk)}: three challenges in a row returned the same code`);
      continue;
    }
    if (ok(c.earlierComplete)) problems.push(`${walkName(walk)}: /complete accepted the first code after a second challenge replaced it`);
  }
  assert(problems.length === 0, `A new challenge did not rotate the OTP: ${problems.join("; ")}`, {
    expected: "the earlier code rejected once a new one is minted",
    actual: problems,
  });
});

check("OTP-04", async (ctx) => {
  const walks = await walksWith(ctx, (w) => w.ceremony?.laterComplete !== undefined, ["challenge", "rescan", "complete:after-rescan", "challenge:fresh", "complete:fresh"]);
  const problems: string[] = [];
  const untestable: string[] = [];
  for (const walk of walks) {
    const c = walk.ceremony!;
    if (ok(c.laterComplete)) continue;
    if (!ok(c.freshComplete)) {
      untestable.push(`${walkName(walk)}: /complete accepted no code at all (${describeAnswer(c.lastAttempt)})`);
      continue;
    }
    problems.push(`${walkName(walk)}: a code minted before two GETs of the mailed link was rejected after them (${describeAnswer(c.laterComplete)}), while a code minted after them worked`);
  }
  if (problems.length === 0 && untestable.length === walks.length) notTestable(untestable.join("; "));
  assert(problems.length === 0, `Opening the mailed link burns the code: ${problems.join("; ")}`, {
    expected: "GET of the link mints nothing",
    actual: problems,
  });
});

check("OTP-05", async (ctx) => {
  const walks = await walksWith(ctx, (w) => w.ceremony?.completion !== undefined, ["complete"]);
  const endpoints = claimEndpoints(ctx.target);
  const problems: string[] = [];
  for (const walk of walks) {
    const { otp } = walk.ceremony!.completion!;
    const res = await completeClaim(ctx.http, endpoints, walk.claimToken!, otp);
    if (ok(res)) {
      const body = bodyOf(res);
      if (body.credential !== undefined) {
        await recordCreated(ctx.requirement.id, walk.registrationId, walk.kind === "anonymous" ? "anonymous" : "email-verification", { type: body.credential_type, value: body.credential });
      }
      problems.push(`${walkName(walk)}: replaying the accepted {claim_token, otp} answered ${res.status} again`);
      continue;
    }
    const match = documentedCode(res, ["DONE", "CLM"]);
    if (!match.ok) problems.push(`${walkName(walk)}: the replay was refused with ${describeAnswer(res)}, not one of ${match.accepted.join(", ")}`);
  }
  assert(problems.length === 0, `An accepted OTP worked twice or was refused without the documented code: ${problems.join("; ")}`, {
    expected: "409 previously_claimed",
    actual: problems,
  });
});

check("OTP-06", async (ctx) => {
  const walks = await walksWith(ctx, (w) => w.ceremony?.wrong !== undefined, ["complete:wrong"]);
  const problems: string[] = [];
  for (const walk of walks) {
    const { res } = walk.ceremony!.wrong!;
    if (ok(res)) {
      problems.push(`${walkName(walk)}: a code that was never minted was accepted (${res.status})`);
      continue;
    }
    const match = documentedCode(res, ["OTP_INVALID"]);
    if (!match.ok) problems.push(`${walkName(walk)}: a wrong code was refused with ${describeAnswer(res)}, expected ${match.accepted.join(" or ")}`);
    else if (res.status !== 401) ctx.note(`${walkName(walk)}: otp_invalid came with status ${res.status}; the services guide says 401`);
  }
  assert(problems.length === 0, `A wrong OTP is not answered otp_invalid: ${problems.join("; ")}`, {
    expected: "401 otp_invalid",
    actual: problems,
  });
});
