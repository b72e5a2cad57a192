import { assert, check, runtime, skip } from "../../../src/suite/index.ts";
import { advertisesAnonymous, bodyOf, claimEndpoints, describeAnswer, errorOf, recordCreated } from "../support/claim-env.ts";

// Does the target rate-limit registration at all? A few anonymous registrations at the run's pace,
// each sent without waiting out a 429 (the check looks for one), stopping at the first sign.

interface RateLimitSettings {
  check: boolean;
  maxRequests: number;
}

/** Headers that announce a limit: the IETF RateLimit fields, and the common X-RateLimit-* ones. */
const ANNOUNCING_HEADERS = ["ratelimit-policy", "ratelimit", "ratelimit-limit", "x-ratelimit-limit"] as const;

check("RATE-01", async (ctx) => {
  const settings = (runtime().data.settings.rateLimit as RateLimitSettings | undefined) ?? { check: true, maxRequests: 10 };
  if (!settings.check) skip("Turned off in the config (rateLimit.check: false)");
  if (!advertisesAnonymous(ctx.target)) skip("agent_auth offers no anonymous registration, the only one the harness can repeat without a user or a mail");
  const url = claimEndpoints(ctx.target).register;
  // What the run met so far (other checks' 429s, waited out or not): context, not the verdict.
  const earlier = ctx.http.slowDownStats;
  if (earlier.throttled > 0) ctx.evidence("throttledEarlierInRun", { answers429: earlier.throttled, waitedMs: earlier.waitedMs, notWaitedOut: earlier.passedOn });
  const started = Date.now();
  for (let sent = 1; sent <= settings.maxRequests; sent++) {
    const res = await ctx.http.send({ method: "POST", url, json: { type: "anonymous", requested_credential_type: "api_key" }, slowDown: false });
    const body = bodyOf(res);
    await recordCreated(ctx.requirement.id, body.registration_id, "anonymous", { type: body.credential_type, value: body.credential });
    if (res.status === 429) {
      const retryAfter = res.headers["retry-after"];
      ctx.evidence("rateLimit", { seen: "429", afterRequests: sent, error: errorOf(res) ?? null, retryAfter: retryAfter ?? null });
      if (retryAfter === undefined) ctx.note("The 429 carries no Retry-After (RFC 6585 §4 MAY): an agent can only guess how long to back off.");
      if (errorOf(res) !== "rate_limited") ctx.note(`The 429's error is ${JSON.stringify(errorOf(res) ?? null)}, not AUTH.md's rate_limited.`);
      return;
    }
    const announced = ANNOUNCING_HEADERS.filter((h) => res.headers[h] !== undefined);
    if (announced.length) {
      ctx.evidence("rateLimit", { seen: "announced", afterRequests: sent, headers: Object.fromEntries(announced.map((h) => [h, res.headers[h]])) });
      return;
    }
    if (res.status >= 400) {
      ctx.evidence("rateLimit", { seen: "none", afterRequests: sent });
      skip(`An anonymous registration answered ${describeAnswer(res)}, so the rate limit cannot be probed (see ANON-01)`);
    }
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  ctx.evidence("rateLimit", { seen: "none", afterRequests: settings.maxRequests, seconds: Number(seconds) });
  assert(
    false,
    `No sign of a rate limit on registration: ${settings.maxRequests} anonymous registrations in ${seconds} s were all accepted, with no 429 and no RateLimit headers (the services guide suggests 5/h per IP for anonymous registrations; raise rateLimit.maxRequests to look further, or set rateLimit.check: false)`,
    { expected: "a 429 rate_limited (with Retry-After) or RateLimit-Policy headers", actual: `${settings.maxRequests} registrations accepted` },
  );
});
