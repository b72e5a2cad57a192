/**
 * The profile seam: everything that changed between protocol revisions (paths, field names,
 * vocabularies, error codes, where the suites live) is read from a Profile, never hard-coded in
 * the harness. v0.1 is the first; a later profile adds its own folder here and under suites/.
 */
export type ErrorKey =
  | "ISS"
  | "SIG"
  | "EXP"
  | "AUD"
  | "RPL"
  | "CID"
  | "VER"
  | "CRED"
  | "OFF"
  | "RATE"
  | "CLM"
  | "DONE"
  | "OTP_INVALID"
  | "OTP_EXPIRED"
  | "CLAIM_EXPIRED"
  | "REQ"
  | "TYP";

/** Which documented vocabulary a code belongs to. Sources disagree; we accept each and report which. */
export type Vocabulary = "auth.md" | "guides" | "spec-native";

export type ErrorAliases = Readonly<Record<ErrorKey, Partial<Record<Vocabulary, readonly string[]>>>>;

export interface ProfileVocabulary {
  identityTypes: readonly string[];
  assertionTypes: readonly string[];
  credentialTypes: readonly string[];
  events: readonly string[];
}

export interface Profile {
  id: string;
  title: string;
  /** Folder of the profile's vitest suites, relative to the package root. */
  suitesDir: string;
  wellKnown: {
    protectedResource: string;
    authorizationServer: string;
    manifest: string;
  };
  vocabulary: ProfileVocabulary;
  errors: ErrorAliases;
  /** Section headings a manifest is expected to carry (matched loosely). */
  manifestSections: readonly { name: string; pattern: RegExp }[];
}
