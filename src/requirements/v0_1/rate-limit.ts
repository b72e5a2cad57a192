import { src } from "../sources.ts";
import { V0_1_PROFILES } from "./common.ts";
import type { Requirement } from "../types.ts";

/** Rate limits on registration (the services guide's recommendation; AUTH.md's rate_limited error). */
export const rateLimitRequirements: readonly Requirement[] = [
  {
    id: "RATE-01",
    level: "SHOULD",
    title: "Registration is rate-limited: a short run of anonymous registrations meets a 429 (rate_limited, ideally with Retry-After) or the answers announce a limit (RateLimit-Policy / RateLimit / X-RateLimit-Limit headers)",
    flow: "http",
    profiles: V0_1_PROFILES,
    sources: [
      src.servicesGuide("Rate Limiting (per IP: 5/h anonymous, 60/h assertion; per tenant)"),
      src.authMd("Errors (rate_limited, 429: back off and retry)"),
      src.rfc(6585, "§4"),
    ],
    basis: "The services guide recommends the limits without a BCP 14 keyword and gives them as defaults to tune, so SHOULD.",
    note:
      "The check sends at most rateLimit.maxRequests (default 10) anonymous registrations at the run's pace and stops at the first 429 or announced limit; a limit above that count cannot be seen, so a warning says 'not seen within N', never 'absent'. rateLimit.check: false turns it off (for a staging tenant whose limits are lifted on purpose).",
  },
];
