import type { Profile } from "../types.ts";
import { AgentDriverV07 } from "./driver.ts";
import { errorAliasesV07 } from "./error-codes.ts";
import { SHARED_CHECKS_V07 } from "./shared.ts";
import { vocabularyV07 } from "./vocabulary.ts";

/**
 * auth.md v0.7 (June 2026; requirements basis v0.7.md of the project's shared protocol notes). The
 * requirements with an implemented check (checked.ts, plus the shared v0.1 ids) are planned; the
 * rows no black-box harness can observe are excluded in writing (requirements/v0_7/unchecked-rows.ts).
 */
export const profileV07: Profile = {
  id: "v0.7",
  title: "auth.md v0.7.0",
  suitesDir: "suites/v0.7",
  wellKnown: {
    protectedResource: "/.well-known/oauth-protected-resource",
    authorizationServer: "/.well-known/oauth-authorization-server",
    manifest: "/auth.md",
  },
  vocabulary: vocabularyV07,
  errors: errorAliasesV07,
  // AUTH.md v0.7.0 headings (v0.7.md DISC-AUTHMD-02): Steps 1–6, Errors, Revocation.
  manifestSections: [
    { name: "Step 1 — Discover", pattern: /^#{2,3}\s*step\s*1\b/im },
    { name: "Step 2 — Pick a method", pattern: /^#{2,3}\s*step\s*2\b/im },
    { name: "Step 3 — Register", pattern: /^#{2,3}\s*step\s*3\b/im },
    { name: "Step 4 — Claim ceremony", pattern: /^#{2,3}\s*step\s*4\b/im },
    { name: "Step 5 — Exchange the assertion", pattern: /^#{2,3}\s*step\s*5\b/im },
    { name: "Step 6 — Use the access_token", pattern: /^#{2,3}\s*step\s*6\b/im },
    { name: "Errors", pattern: /^#{2,3}\s*errors?\b/im },
    { name: "Revocation", pattern: /^#{2,3}\s*revocation\b/im },
  ],
  agent: (http, target) => new AgentDriverV07(http, target),
  shared: SHARED_CHECKS_V07,
};
