import { BrowserUserActor } from "./browser-actor.ts";
import { CommandUserActor } from "./command-actor.ts";
import type { UserActorConfig } from "./config.ts";
import type { ActorDeps } from "./deps.ts";
import { FormUserActor } from "./form-actor.ts";
import { ManualUserActor } from "./manual-actor.ts";
import type { ActorAccount, UserActorV07 } from "./types.ts";

/** The configured adapter. Throws HarnessError (usage) for manual without a terminal or under CI. */
export function createUserActorV07(config: UserActorConfig, deps: ActorDeps): UserActorV07 {
  switch (config.adapter) {
    case "form":
      return new FormUserActor(config, deps);
    case "browser":
      return new BrowserUserActor(config, deps);
    case "command":
      return new CommandUserActor(config, deps);
    case "manual":
      return new ManualUserActor(config, deps);
  }
}

/** The configured accounts with passwords resolved from the environment (passwordEnv). */
export function actorAccounts(config: UserActorConfig, env: NodeJS.ProcessEnv = process.env): { confirm: ActorAccount; other: ActorAccount } {
  const resolve = (a: UserActorConfig["accounts"]["confirm"]): ActorAccount => {
    const password = a.password ?? (a.passwordEnv !== undefined ? env[a.passwordEnv] : undefined);
    return { email: a.email, ...(password !== undefined ? { password } : {}) };
  };
  return { confirm: resolve(config.accounts.confirm), other: resolve(config.accounts.other) };
}
