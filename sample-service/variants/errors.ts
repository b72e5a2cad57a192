import type { VariantTableEntry } from "./types.ts";

/** Conformant variants of the sample service: errors (refusal codes, audience and typ readings). See types.ts. */
export const ERRORS_VARIANTS = [
  {
    name: "aud-resource-reading",
    description:
      "ID-JAGs and logout tokens must carry aud = the PRM resource (AUTH.md Step 3: 'aud = the resource from the PRM'), the other documented reading; the AS issuer is refused. The harness is told so (audience: resource).",
    harness: { audience: "resource" },
    fastScope: ["IDJAG-BASE-01", "IDJAG-AUD-*", "IDJAG-CODE-01", "REV-01", "REV-05"],
  },
  {
    name: "errors-auth-md-vocabulary",
    description:
      "ID-JAG refusals use AUTH.md's Errors table (issuer_not_enabled, audience_mismatch, credential_expired) instead of the guides' names: another documented vocabulary.",
    fastScope: ["IDJAG-ISS-*", "IDJAG-AUD-01", "IDJAG-AUD-04", "IDJAG-EXP-01", "IDJAG-CODE-01", "IDJAG-VOC-01"],
  },
  {
    name: "errors-unfixed-codes",
    description:
      "Refusals the sources give no code for answer 400 invalid_signature (as a JOSE library reports any failed verification): every logout-token failure (the services guide says only '400 on verification failure'), and ID-JAG typ, missing-claim and nbf failures.",
    fastScope: ["IDJAG-TYP-01", "IDJAG-SUB-01", "IDJAG-NBF-01", "IDJAG-IAT-01", "IDJAG-JTI-01", "IDJAG-EXP-03", "IDJAG-CID-01", "REV-04", "REV-05", "REV-06", "REV-07", "REV-08", "REV-09", "REV-10", "REV-11", "REV-12"],
  },
  {
    name: "typ-exact-string",
    description:
      "The ID-JAG typ must be exactly \"oauth-id-jag+jwt\", the string the services guide gives (case-sensitive, no application/ prefix); RFC 7515's media-type reading is not applied. IDJAG-TYP-02 (SHOULD) warns; no MUST fails.",
    fastScope: ["IDJAG-TYP-*"],
  },
] as const satisfies readonly VariantTableEntry[];
