import { z } from "zod";

/**
 * The v0.1 protocol's request messages as zod schemas: the input fuzzer generates valid shapes
 * from them and mutates those into invalid ones. Tokens are plain strings here (their value is
 * the server's secret); the fuzzer never knows a live one, so even a valid shape is a request
 * the service must refuse.
 */
const credentialType = z.enum(["api_key", "access_token"]);

export const protocolMessages = {
  registerAnonymous: z.object({ type: z.literal("anonymous"), requested_credential_type: credentialType }),
  registerVerifiedEmail: z.object({
    type: z.literal("identity_assertion"),
    assertion_type: z.literal("verified_email"),
    assertion: z.email(),
    requested_credential_type: credentialType,
  }),
  registerIdJag: z.object({
    type: z.literal("identity_assertion"),
    assertion_type: z.literal("urn:ietf:params:oauth:token-type:id-jag"),
    // A compact JWS; the fuzzer never holds a signed one, so a valid shape is still refused.
    assertion: z.string().regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/),
    requested_credential_type: credentialType,
  }),
  claim: z.object({ claim_token: z.string(), email: z.email() }),
  challenge: z.object({ claim_attempt_token: z.string() }),
  complete: z.object({ claim_token: z.string(), otp: z.string().regex(/^[0-9]{6}$/) }),
} as const;

export type MessageName = keyof typeof protocolMessages;

/** Which endpoint of the target each message goes to. */
export const MESSAGE_ENDPOINT: Record<MessageName, "register" | "claim" | "challenge" | "complete"> = {
  registerAnonymous: "register",
  registerVerifiedEmail: "register",
  registerIdJag: "register",
  claim: "claim",
  challenge: "challenge",
  complete: "complete",
};

/**
 * Members whose absence a lenient service may fill with a default (requested_credential_type:
 * api_key is the obvious one). A body missing them is not certainly invalid, so the fuzzer never
 * sends that mutant: it would judge a reasonable service wrong.
 */
export const DEFAULTABLE_FIELDS: ReadonlySet<string> = new Set(["requested_credential_type"]);
