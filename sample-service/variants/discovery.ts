import type { VariantTableEntry } from "./types.ts";

/** Conformant variants of the sample service: discovery. See types.ts. */
export const DISCOVERY_VARIANTS = [
  {
    name: "trailing-slash-urls",
    description:
      "authorization_servers is written with a trailing '/' as in the AUTH.md example (\"https://auth.service.example.com/\") while issuer and the aud examples have none (the same origin, RFC 3986 §6.2.3); register_uri, claim_uri and revocation_uri are advertised with a trailing '/' and served under both forms.",
    fastScope: ["DISC-*", "IDJAG-BASE-01", "IDJAG-AUD-*", "REV-01"],
  },
] as const satisfies readonly VariantTableEntry[];
