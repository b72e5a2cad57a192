import { z } from "zod";
import { ID_JAG_ASSERTION_TYPE, VERIFIED_EMAIL_ASSERTION_TYPE } from "../protocol.ts";

/** Bodies of POST /agent/auth, one schema per registration shape (unknown members are ignored). */
export const AnonymousRequest = z.object({
  type: z.literal("anonymous"),
  requested_credential_type: z.string(),
});

export const IdJagRequest = z.object({
  type: z.literal("identity_assertion"),
  assertion_type: z.literal(ID_JAG_ASSERTION_TYPE),
  assertion: z.string().min(1).max(16 * 1024),
  requested_credential_type: z.string(),
});

export const VerifiedEmailRequest = z.object({
  type: z.literal("identity_assertion"),
  assertion_type: z.literal(VERIFIED_EMAIL_ASSERTION_TYPE),
  assertion: z.email().max(254),
  requested_credential_type: z.string(),
});

/** Credential types an identity assertion may ask for (agent_auth.identity_assertion.credential_types_supported). */
export const ASSERTION_CREDENTIAL_TYPES = ["access_token", "api_key"] as const;

export function isAssertionCredentialType(value: string): value is (typeof ASSERTION_CREDENTIAL_TYPES)[number] {
  return (ASSERTION_CREDENTIAL_TYPES as readonly string[]).includes(value);
}
