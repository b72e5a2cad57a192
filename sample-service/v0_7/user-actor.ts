import type { UserActorConfigInput } from "../../src/actors/v0_7/config.ts";
import { DEFAULT_ACCOUNTS } from "./config.ts";

/**
 * The `form` user actor for the built-in v0.7 sample service (the same as
 * examples/user-actor.sample.yaml): password-less sign-in at /login (`email`, hidden `return_to`),
 * session cookie `sid`, and a claim form posting `claim_attempt_token` + `user_code` to
 * /agent/identity/claim/complete with Confirm/Refuse buttons.
 */
export const SAMPLE_USER_ACTOR_V07: UserActorConfigInput = {
  adapter: "form",
  accounts: { confirm: { email: DEFAULT_ACCOUNTS[0] }, other: { email: DEFAULT_ACCOUNTS[1] } },
  sessionCookie: "sid",
  signIn: { accountField: "email" },
  claim: { formAction: "/agent/identity/claim/complete", codeField: "user_code" },
  text: { invalidLink: "already claimed" },
  signOut: { url: "/logout" },
};
