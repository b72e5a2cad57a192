import { type CheckContext, requireUserAccounts, userAccounts } from "../../../src/suite/index.ts";

/**
 * The service accounts the run knows about (v0.7.md §14.2 "accounts"): the user actor's
 * `userActor.accounts` (`confirm` is the one a ceremony is for, `other` the wrong user).
 */

/** The configured email of an account that exists on the service, if any. */
export function configuredExistingAccount(): string | undefined {
  return userAccounts()?.confirm.email;
}

/** An email of an account that exists on the service (first-link confirmation, STEP-*); blocked (no-user-actor) without one. */
export function existingAccountEmail(_ctx: CheckContext): string {
  return requireUserAccounts().confirm.email;
}
