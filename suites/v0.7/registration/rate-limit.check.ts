import { assert, check, runtime, skip } from "../../../src/suite/index.ts";
import { agentWith, errorCode, isObject } from "../support/agent.ts";

// REG-06 (v0.7.md §2, §15 P9): when identity_endpoint throttles, it says so with 429 rate_limited.
// A short burst of anonymous registrations, each sent without waiting out a 429 (the check looks
// for one). The row is conditional: a service that does not throttle within the burst is noted,
// not failed (a conforming service may also throttle the suite itself: P9).

interface RateLimitSettings {
  check: boolean;
  maxRequests: number;
}

check("REG-06", async (ctx) => {
  const settings = (runtime().data.settings.rateLimit as RateLimitSettings | undefined) ?? { check: true, maxRequests: 10 };
  if (!settings.check) skip("Turned off in the config (rateLimit.check: false)");
  const agent = agentWith(ctx, "identity");
  let accepted = 0;
  for (let sent = 1; sent <= settings.maxRequests; sent++) {
    const res = await agent.register({ type: "anonymous" }, { slowDown: false });
    const code = errorCode(res);
    if (res.status === 200) {
      accepted += 1;
      continue;
    }
    if (accepted === 0 && res.status !== 429) {
      if (res.status === 400 && code === "anonymous_not_enabled") skip("anonymous registration is opted out: no registration the check can repeat without a user");
      skip(`the first anonymous registration answered ${res.status}${code ? ` ${code}` : ""} (ANON-01 judges it)`);
    }
    const retryAfter = res.headers["retry-after"];
    ctx.evidence("rateLimit", { afterRequests: sent, accepted, status: res.status, error: code ?? null, retryAfter: retryAfter ?? null });
    assert(res.status === 429 && code === "rate_limited",
      `After ${accepted} accepted registrations identity_endpoint turned the agent away with ${res.status}${code ? ` ${code}` : ""}, expected 429 rate_limited (AUTH.md Errors; S6 "Rate Limiting")`,
      { expected: { status: 429, error: "rate_limited" }, actual: { status: res.status, body: isObject(res.json) ? res.json : res.text.slice(0, 200) } });
    if (retryAfter === undefined) ctx.note("The 429 carries no Retry-After (RFC 6585 §4 MAY): an agent can only guess how long to back off.");
    return;
  }
  ctx.evidence("rateLimit", { afterRequests: settings.maxRequests, accepted, throttled: false });
  ctx.note(`No throttling within ${settings.maxRequests} anonymous registrations: the form of a rate-limit answer was not observed (S6 suggests 5/h per address; raise rateLimit.maxRequests to look further)`);
});
