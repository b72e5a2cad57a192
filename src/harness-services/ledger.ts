/**
 * The cleanup ledger: every registration and credential a run creates on the target, so the
 * report can list them and the harness can revoke what the protocol lets it revoke. Credentials
 * are never stored, only a fingerprint (the redactor's mask).
 */
export interface LedgerEntry {
  registrationId: string;
  registrationType: string;
  /** Check id that created it. */
  createdBy: string;
  credentialType?: string;
  /** Masked credential («redacted:…#hash»), never the value. */
  credential?: string;
  /** For ID-JAG registrations: what a logout token must name to revoke it. */
  delegation?: { iss: string; sub: string; aud: string };
  /** Filled at cleanup: revoked, revocation-failed, not-revocable (no agent-facing revoke in v0.1). */
  cleanup?: string;
}

export class Ledger {
  readonly entries: LedgerEntry[] = [];

  record(entry: LedgerEntry): void {
    if (this.entries.length < 100_000) this.entries.push(entry);
  }
}
