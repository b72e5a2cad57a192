import type { IdentityType } from "../protocol.ts";

/** A provider identity: the (iss, sub) of an ID-JAG. */
export interface ProviderIdentity {
  iss: string;
  sub: string;
  /** The ID-JAG's own name claim, kept only for the STEP-07 fault. */
  claimedName?: string;
}

export function identityKey(identity: ProviderIdentity): string {
  return JSON.stringify([identity.iss, identity.sub]);
}

/** One user_code ceremony. Only the registration's current attempt is live; older ones are superseded. */
export interface ClaimAttempt {
  id: string;
  /** SHA-256 of the claim_attempt_token embedded in verification_uri. */
  tokenHash: string;
  userCode: string;
  /** The account that alone may confirm (login_hint, or the matched account of a step-up). */
  loginHint: string;
  createdAt: number;
  expiresAt: number;
  wrongCodes: number;
  superseded: boolean;
  completedBy?: string;
  denied: boolean;
}

export type RegistrationStatus = "unclaimed" | "pending_claim" | "claimed";

export interface Registration {
  id: string;
  type: IdentityType;
  status: RegistrationStatus;
  createdAt: number;
  /** End of the claim window (unclaimed registrations). */
  claimExpiresAt: number;
  /** SHA-256 of the current claim_token, if one was issued. */
  claimTokenHash?: string;
  attempts: ClaimAttempt[];
  /** The account bound once claimed (or a clean ID-JAG match). */
  account?: string;
  /** The provider identity bound to this registration (clean ID-JAG match, or after step-up). */
  identity?: ProviderIdentity;
  /** A step-up waiting for the user: bind this identity when the matched account confirms. */
  pendingIdentity?: ProviderIdentity;
  /** jti of the service-signed assertions that still mint (superseded ones are dropped). */
  liveAssertions: Set<string>;
  /** The claim grant answered with tokens once (single use, TOK-CLM-10). */
  claimGrantRedeemed: boolean;
  /** Completed but not yet collected by the claim grant: the assertion to hand out. */
  pendingGrant?: { assertion: string; assertionExpires: number };
  /** Earliest time the claim grant may be polled again (RFC 8628 §3.5 interval). */
  nextPollAt: number;
  pollInterval: number;
  /** Set by a provider revocation event; cleared when the binding is re-established. */
  revoked: boolean;
}

export interface Account {
  email: string;
  /** (iss, sub) that provisioned this account just in time: it re-links without confirmation. */
  provisionedBy?: string;
  /** Whether any registration was ever claimed by it (the first_time_account advisory). */
  hasClaimed: boolean;
}

export interface AccessToken {
  registrationId: string;
  scopes: string[];
  expiresAt: number;
  revoked: boolean;
  /** Minted before the registration was claimed (revoked when it is). */
  preClaim: boolean;
}

export function currentAttempt(registration: Registration): ClaimAttempt | undefined {
  const last = registration.attempts.at(-1);
  return last !== undefined && !last.superseded ? last : undefined;
}
