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
] as const satisfies readonly VariantTableEntry[];
