import { type CheckContext, notTestable, runtime } from "../../../src/suite/index.ts";

/**
 * The service accounts the run knows about (v0.7.md §14.2 "accounts"). Read from the user actor's
 * config (`userActor.accounts.confirm.email`) or, until the integrator unifies the two, from
 * `settings.accounts.existing` (the v0.7 demo names the sample service's seeded accounts there).
 */
interface AccountSettings {
  userActor?: { accounts?: { confirm?: { email?: string }; other?: { email?: string } } };
  accounts?: { existing?: readonly string[] };
}

/** The configured email of an account that exists on the service, if any. */
export function configuredExistingAccount(): string | undefined {
  const settings = runtime().data.settings as AccountSettings;
  const email = settings.userActor?.accounts?.confirm?.email ?? settings.accounts?.existing?.[0];
  return typeof email === "string" && email.length > 0 ? email : undefined;
}

/** An email of an account that exists on the service (first-link confirmation, STEP-*), or Not testable. */
export function existingAccountEmail(_ctx: CheckContext): string {
  const email = configuredExistingAccount();
  if (email === undefined) notTestable("no existing service account configured (userActor.accounts)");
  return email;
}
