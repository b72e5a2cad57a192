import type { Profile } from "../types.ts";
import { AgentDriverV01 } from "./driver.ts";
import { errorAliasesV01 } from "./error-codes.ts";
import { vocabularyV01 } from "./vocabulary.ts";

export const profileV01: Profile = {
  id: "v0.1",
  title: "auth.md v0.1.0 (workos/auth.md 0910d09)",
  suitesDir: "suites/v0.1",
  wellKnown: {
    protectedResource: "/.well-known/oauth-protected-resource",
    authorizationServer: "/.well-known/oauth-authorization-server",
    manifest: "/auth.md",
  },
  vocabulary: vocabularyV01,
  errors: errorAliasesV01,
  manifestSections: [
    { name: "Step 1 — Discover", pattern: /^#{2,3}\s*step\s*1\b/im },
    { name: "Step 2 — Pick a method", pattern: /^#{2,3}\s*step\s*2\b/im },
    { name: "Step 3 — Register", pattern: /^#{2,3}\s*step\s*3\b/im },
    { name: "Step 4 — Claim ceremony", pattern: /^#{2,3}\s*step\s*4\b/im },
    { name: "Step 5 — Use the credential", pattern: /^#{2,3}\s*step\s*5\b/im },
    { name: "Errors", pattern: /^#{2,3}\s*errors?\b/im },
    { name: "Revocation", pattern: /^#{2,3}\s*revocation\b/im },
  ],
  agent: (http, target) => new AgentDriverV01(http, target),
};
