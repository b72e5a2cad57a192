import type { VariantTableEntry } from "./types.ts";

/** Conformant variants of the sample service: http. See types.ts. */
export const HTTP_VARIANTS = [
  {
    name: "no-write-route",
    description:
      "The protected API only reads: POST /api/notes answers 405, and the harness has no api.write probe (as most demos). Nothing in AUTH.md or the services guide requires a write route; the scope checks that need one skip with how to configure it, and SCO-07 still compares the registration's scopes from its answer.",
    harness: { api: { read: { method: "GET", path: "/api/notes" } } },
    fastScope: ["SCO-*"],
  },
  {
    name: "registration-bursts-429",
    description:
      "Anonymous registrations are limited to 5 per second per address: a burst beyond that answers 429 rate_limited with Retry-After: 1 (services guide \"Rate Limiting\"; AUTH.md Errors rate_limited: back off and retry; RFC 6585 §4). The harness waits it out (http.slowDown) instead of failing whichever check met it, and RATE-01 finds the limit.",
    fastScope: ["RATE-01", "ANON-*", "FUZZ-CT-ENTROPY-01"],
  },
  {
    name: "slow-answers",
    description:
      "Every discovery document and every 10th other request is answered after 300–800 ms, well within timeouts.requestMs: nothing in the sources bounds a service's latency, and no check may race the clock.",
    fastScope: ["DISC-PRM-*", "ANON-*"],
  },
] as const satisfies readonly VariantTableEntry[];
