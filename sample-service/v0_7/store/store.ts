import type { IdentityType } from "../protocol.ts";
import { hashSecret, newId, newSecret, newUserCode } from "./secrets.ts";
import { type AccessToken, type Account, type ClaimAttempt, type ProviderIdentity, type Registration, identityKey } from "./model.ts";

/** All state of the v0.7 sample service, in memory. Secrets are kept as hashes only. */
export class StoreV07 {
  private readonly registrations = new Map<string, Registration>();
  private readonly byClaimToken = new Map<string, string>();
  private readonly byAttemptToken = new Map<string, { registrationId: string; attemptId: string }>();
  /** (iss, sub) → registration_id of its delegation. */
  private readonly delegations = new Map<string, string>();
  private readonly accounts = new Map<string, Account>();
  private readonly tokens = new Map<string, AccessToken>();
  /** session id hash → signed-in email. */
  private readonly sessions = new Map<string, string>();
  /** Fault only (v07-user-code-sequential): the last user_code handed out as a counter. */
  private codeCounter = 0;

  constructor(seedAccounts: readonly string[]) {
    for (const email of seedAccounts) this.accounts.set(email, { email, hasClaimed: false });
  }

  // --- accounts and sessions ---
  account(email: string): Account | undefined {
    return this.accounts.get(email.toLowerCase());
  }

  provisionAccount(email: string, provisionedBy?: ProviderIdentity): Account {
    const key = email.toLowerCase();
    const existing = this.accounts.get(key);
    if (existing) return existing;
    const created: Account = { email: key, hasClaimed: false, ...(provisionedBy ? { provisionedBy: identityKey(provisionedBy) } : {}) };
    this.accounts.set(key, created);
    return created;
  }

  newSession(email: string): string {
    const sid = newSecret("sid");
    this.sessions.set(hashSecret(sid), email.toLowerCase());
    return sid;
  }

  sessionEmail(sid: string | undefined): string | undefined {
    return sid === undefined ? undefined : this.sessions.get(hashSecret(sid));
  }

  endSession(sid: string): void {
    this.sessions.delete(hashSecret(sid));
  }

  // --- registrations ---
  createRegistration(type: IdentityType, now: number, claimTtlSeconds: number, pollInterval: number): Registration {
    const registration: Registration = {
      id: newId("reg"),
      type,
      status: "unclaimed",
      createdAt: now,
      claimExpiresAt: now + claimTtlSeconds * 1000,
      attempts: [],
      liveAssertions: new Set(),
      claimGrantRedeemed: false,
      nextPollAt: 0,
      pollInterval,
      revoked: false,
    };
    this.registrations.set(registration.id, registration);
    return registration;
  }

  registration(id: string): Registration | undefined {
    return this.registrations.get(id);
  }

  /** Issues a fresh claim_token for `registration`; the previous one stops working. */
  issueClaimToken(registration: Registration, bytes = 32): string {
    if (registration.claimTokenHash !== undefined) this.byClaimToken.delete(registration.claimTokenHash);
    const token = newSecret("clm", bytes);
    registration.claimTokenHash = hashSecret(token);
    this.byClaimToken.set(registration.claimTokenHash, registration.id);
    // A new claim_token is a new grant: a re-link after a revocation (the reference's step-up
    // clears claimed_at, c6 store.ts) collects its tokens once more.
    registration.claimGrantRedeemed = false;
    return token;
  }

  byClaimTokenValue(token: string): Registration | undefined {
    const id = this.byClaimToken.get(hashSecret(token));
    return id === undefined ? undefined : this.registrations.get(id);
  }

  /** Starts a new ceremony; every earlier attempt of the registration is superseded (unless `keepOld`). */
  newAttempt(
    registration: Registration,
    loginHint: string,
    now: number,
    ttlSeconds: number,
    options: { keepOld?: boolean; codeDigits?: number; sequentialCodes?: boolean } = {},
  ): { attempt: ClaimAttempt; attemptToken: string } {
    const keepOld = options.keepOld ?? false;
    if (!keepOld) for (const old of registration.attempts) old.superseded = true;
    const attemptToken = newSecret("cvt");
    const attempt: ClaimAttempt = {
      id: newId("ca"),
      tokenHash: hashSecret(attemptToken),
      userCode: options.sequentialCodes ? String(++this.codeCounter % 10 ** (options.codeDigits ?? 6)).padStart(options.codeDigits ?? 6, "0") : newUserCode(options.codeDigits),
      loginHint: loginHint.toLowerCase(),
      createdAt: now,
      expiresAt: now + ttlSeconds * 1000,
      wrongCodes: 0,
      superseded: false,
      denied: false,
    };
    registration.attempts.push(attempt);
    registration.nextPollAt = 0;
    this.byAttemptToken.set(attempt.tokenHash, { registrationId: registration.id, attemptId: attempt.id });
    return { attempt, attemptToken };
  }

  byAttemptTokenValue(token: string): { registration: Registration; attempt: ClaimAttempt } | undefined {
    const ref = this.byAttemptToken.get(hashSecret(token));
    const registration = ref === undefined ? undefined : this.registrations.get(ref.registrationId);
    const attempt = registration?.attempts.find((a) => a.id === ref?.attemptId);
    return registration && attempt ? { registration, attempt } : undefined;
  }

  /** Fault only (v07-user-code-any-registration): whether `code` is the code of any live attempt. */
  isAnyLiveUserCode(code: string, now: number): boolean {
    for (const registration of this.registrations.values()) {
      for (const attempt of registration.attempts) if (!attempt.superseded && attempt.expiresAt > now && attempt.userCode === code) return true;
    }
    return false;
  }

  // --- delegations ((iss, sub) → registration) ---
  delegation(identity: ProviderIdentity): Registration | undefined {
    const id = this.delegations.get(identityKey(identity));
    return id === undefined ? undefined : this.registrations.get(id);
  }

  bindDelegation(identity: ProviderIdentity, registration: Registration): void {
    this.delegations.set(identityKey(identity), registration.id);
  }

  deleteDelegation(identity: ProviderIdentity): void {
    this.delegations.delete(identityKey(identity));
  }

  /** Registrations bound (or waiting to be bound) to `identity`. */
  registrationsOf(identity: ProviderIdentity): Registration[] {
    const key = identityKey(identity);
    return [...this.registrations.values()].filter(
      (r) => (r.identity && identityKey(r.identity) === key) || (r.pendingIdentity && identityKey(r.pendingIdentity) === key),
    );
  }

  // --- access tokens ---
  mintAccessToken(registration: Registration, scopes: readonly string[], now: number, ttlSeconds: number): string {
    const token = newSecret("at");
    this.tokens.set(hashSecret(token), {
      registrationId: registration.id,
      scopes: [...scopes],
      expiresAt: now + ttlSeconds * 1000,
      revoked: false,
      preClaim: registration.status !== "claimed",
    });
    return token;
  }

  accessToken(token: string): AccessToken | undefined {
    return this.tokens.get(hashSecret(token));
  }

  /** Revokes the registration's access tokens (all, or only those minted before the claim). */
  revokeTokensOf(registrationId: string, onlyPreClaim = false): void {
    for (const record of this.tokens.values()) {
      if (record.registrationId === registrationId && (!onlyPreClaim || record.preClaim)) record.revoked = true;
    }
  }
}
