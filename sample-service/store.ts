import { sha256Hex } from "./secrets.ts";

export type CredentialType = "api_key" | "access_token";
export type RegistrationType = "anonymous" | "email-verification" | "agent-provider";

/** The (iss, sub, aud) triple a provider-backed credential was issued for; revocation targets it. */
export interface Delegation {
  iss: string;
  sub: string;
  aud: string;
}

export interface CredentialRecord {
  registrationId: string;
  type: CredentialType;
  scopes: string[];
  /** Advertised expiry (epoch ms), null = none. */
  expiresAt: number | null;
  /** Unclaimed anonymous keys die with their claim window (agent-services README, anonymous step 5). */
  revokeAt: number | null;
  revoked: boolean;
  delegation: Delegation | null;
}

export interface OtpRecord {
  hash: string;
  expiresAt: number;
}

export interface ClaimAttempt {
  id: string;
  tokenHash: string;
  email: string;
  expiresAt: number;
  otp: OtpRecord | null;
  wrongOtpCount: number;
}

export interface ClaimState {
  tokenHash: string;
  expiresAt: number;
  claimed: boolean;
  postClaimScopes: string[];
  currentAttempt: ClaimAttempt | null;
}

export interface Registration {
  id: string;
  type: RegistrationType;
  requestedCredentialType: CredentialType;
  claim: ClaimState | null;
  /** Hashes of credentials issued for this registration (the anonymous key's scopes swap in place). */
  credentialHashes: string[];
}

export interface Note {
  id: number;
  text: string;
  createdAt: string;
}

/** Everything the service remembers, in memory. Secrets are keyed only by their SHA-256 hash. */
export class Store {
  private readonly registrations = new Map<string, Registration>();
  private readonly registrationByClaimTokenHash = new Map<string, string>();
  private readonly attemptByTokenHash = new Map<string, { registrationId: string; attemptId: string }>();
  private readonly credentials = new Map<string, CredentialRecord>();
  private readonly notes = new Map<string, Note[]>();

  addRegistration(registration: Registration): void {
    this.registrations.set(registration.id, registration);
    if (registration.claim !== null) {
      this.registrationByClaimTokenHash.set(registration.claim.tokenHash, registration.id);
      if (registration.claim.currentAttempt !== null) this.indexAttempt(registration.id, registration.claim.currentAttempt);
    }
  }

  registrationByClaimToken(claimToken: string): Registration | undefined {
    const id = this.registrationByClaimTokenHash.get(sha256Hex(claimToken));
    return id === undefined ? undefined : this.registrations.get(id);
  }

  /** The registration and attempt a claim_attempt_token was minted for, current or superseded. */
  attemptByToken(attemptToken: string): { registration: Registration; attemptId: string } | undefined {
    const entry = this.attemptByTokenHash.get(sha256Hex(attemptToken));
    if (entry === undefined) return undefined;
    const registration = this.registrations.get(entry.registrationId);
    return registration === undefined ? undefined : { registration, attemptId: entry.attemptId };
  }

  /** Makes `attempt` the registration's live attempt; older attempt tokens now read as superseded. */
  replaceAttempt(registration: Registration, attempt: ClaimAttempt): void {
    if (registration.claim === null) throw new Error("registration has no claim state");
    registration.claim.currentAttempt = attempt;
    this.indexAttempt(registration.id, attempt);
  }

  private indexAttempt(registrationId: string, attempt: ClaimAttempt): void {
    this.attemptByTokenHash.set(attempt.tokenHash, { registrationId, attemptId: attempt.id });
  }

  addCredential(token: string, record: CredentialRecord): void {
    const hash = sha256Hex(token);
    this.credentials.set(hash, record);
    this.registrations.get(record.registrationId)?.credentialHashes.push(hash);
  }

  /** The credential behind a bearer token if it is still usable at `now`. */
  activeCredential(token: string, now: number): CredentialRecord | undefined {
    const record = this.credentials.get(sha256Hex(token));
    if (record === undefined || record.revoked) return undefined;
    if (record.expiresAt !== null && now >= record.expiresAt) return undefined;
    if (record.revokeAt !== null && now >= record.revokeAt) return undefined;
    return record;
  }

  credentialsOf(registration: Registration): CredentialRecord[] {
    const records: CredentialRecord[] = [];
    for (const hash of registration.credentialHashes) {
      const record = this.credentials.get(hash);
      if (record !== undefined) records.push(record);
    }
    return records;
  }

  /**
   * Revokes every credential issued for (iss, sub, aud); returns how many were live. `bugs` are
   * the revocation fault switches (a field ignored, a credential type skipped).
   */
  revokeDelegation(delegation: Delegation, bugs: { ignoreSub?: boolean; ignoreIss?: boolean; accessTokensOnly?: boolean } = {}): number {
    let count = 0;
    for (const record of this.credentials.values()) {
      const d = record.delegation;
      if (d === null || record.revoked || (bugs.accessTokensOnly && record.type !== "access_token")) continue;
      if ((bugs.ignoreIss || d.iss === delegation.iss) && (bugs.ignoreSub || d.sub === delegation.sub) && d.aud === delegation.aud) {
        record.revoked = true;
        count += 1;
      }
    }
    return count;
  }

  notesOf(registrationId: string): Note[] {
    let list = this.notes.get(registrationId);
    if (list === undefined) {
      list = [];
      this.notes.set(registrationId, list);
    }
    return list;
  }
}
