import { actorAccounts, createUserActorV07 } from "../actors/v0_7/create.ts";
import type { UserActorConfig } from "../actors/v0_7/config.ts";
import type { ActorAccount, ActorResult, UserActorV07 } from "../actors/v0_7/types.ts";
import type { CheckContext } from "./check.ts";
import { blocked } from "./prerequisite.ts";
import { runtime } from "./runtime.ts";

/**
 * Suite-side access to the v0.7 user actor (v0.7.md §14) and the slow tier. The actor is built in
 * the suite worker from the run's `userActor` config: it keeps its own HTTP client, cookie jar and
 * redactor, so nothing the agent holds reaches the user's session and back.
 */

export const NO_USER_ACTOR_CAUSE = "no-user-actor";

export function userActorConfig(): UserActorConfig | undefined {
  return runtime().data.settings.userActor as UserActorConfig | undefined;
}

/** Whether the run may wait out lifetimes the target cannot shorten (`--slow`, config `slow`). */
export function slowTier(): boolean {
  return runtime().data.settings.slow === true;
}

/** The configured accounts: the one the ceremony is for (`confirm`) and another (`other`). */
export function userAccounts(): { confirm: ActorAccount; other: ActorAccount } | undefined {
  const config = userActorConfig();
  return config ? actorAccounts(config) : undefined;
}

function requireConfig(): UserActorConfig {
  const config = userActorConfig();
  if (!config) {
    blocked({
      id: NO_USER_ACTOR_CAUSE,
      title: "No user actor configured (userActor): the claim ceremony needs a person to sign in and confirm",
      evidence: {
        message:
          "Checks that need the user to sign in on the service's page and confirm a user_code cannot run without a `userActor` section in the config (adapter form, browser, command or manual, and two accounts). See README \"The user actor\".",
      },
    });
  }
  return config;
}

/** The accounts, or blocked when no actor is configured. */
export function requireUserAccounts(): { confirm: ActorAccount; other: ActorAccount } {
  return actorAccounts(requireConfig());
}

/** A fresh actor for one check (its own session); blocked when none is configured. Close it after use. */
export function newUserActor(): UserActorV07 {
  const config = requireConfig();
  const { target } = runtime().data;
  // The user visits the service's pages: the target's origin and, when elsewhere, its AS's.
  const origins = [target.url, target.authorizationServer].filter((u): u is string => typeof u === "string").map((u) => new URL(u).origin);
  return createUserActorV07(config, { allowedOrigins: origins });
}

/** Run `body` with a fresh actor and close it afterwards, whatever happens. */
export async function withUserActor<T>(body: (actor: UserActorV07) => Promise<T>): Promise<T> {
  const actor = newUserActor();
  try {
    return await body(actor);
  } finally {
    await actor.close();
  }
}

/** Put what the actor did into the check's evidence (steps, statuses, cookie names; never values). */
export function recordActorResult(ctx: CheckContext, label: string, result: ActorResult): void {
  ctx.evidence(label, {
    adapter: result.adapter,
    outcome: result.outcome,
    ...(result.reason ? { reason: result.reason } : {}),
    ...(result.httpStatus !== undefined ? { httpStatus: result.httpStatus } : {}),
    ...(result.pageStatus !== undefined ? { pageStatus: result.pageStatus } : {}),
    ...(result.submitStatus !== undefined ? { submitStatus: result.submitStatus } : {}),
    steps: result.steps,
    cookies: result.cookies.map((c) => ({ name: c.name, attrs: c.attrs })),
  });
}
