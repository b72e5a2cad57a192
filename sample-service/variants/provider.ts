import type { VariantTableEntry } from "./types.ts";

/** The ID-JAG, signature and revocation checks: what the fast subset runs for the provider variants. */
const ID_JAG_SCOPE = ["IDJAG-BASE-*", "SIG-*", "RPL-03", "REV-01", "REV-02", "REV-03"] as const;

/** Conformant variants of the sample service: provider. See types.ts. */
export const PROVIDER_VARIANTS = [
  {
    name: "jwks-kid-miss-cooldown-5min",
    description:
      "The JWKS cache refetches on an unknown kid only 5 minutes after its last fetch (a common library default; the services " +
      "guide asks for a refetch on a kid miss, SIG-08/SIG-09 are SHOULD). Two runs back to back against one long-lived service: " +
      "the harness keeps its signing keys in a state directory, so the second run's kid is already cached.",
    runs: 2,
    fastScope: ID_JAG_SCOPE,
  },
  {
    name: "single-trusted-issuer",
    description:
      "The service trusts one issuer only (the primary mock provider), as most real services do; the harness declares the " +
      "second issuer off (provider.second.enabled: false), so the checks that need two trusted issuers are skipped with that reason.",
    harness: { provider: { second: { enabled: false } } },
    fastScope: ID_JAG_SCOPE,
  },
] as const satisfies readonly VariantTableEntry[];
