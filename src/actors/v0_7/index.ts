export { DIRECT_SUBMIT_INTENTS } from "./types.ts";
export type { ActorAccount, ActorAdapterKind, ActorCookie, ActorIntent, ActorOutcome, ActorResult, ActorStep, ConfirmRequest, DenyRequest, UserActorV07 } from "./types.ts";
export { userActorConfigSchema, type UserActorConfig, type UserActorConfigInput } from "./config.ts";
export type { ActorDeps } from "./deps.ts";
export { actorAccounts, createUserActorV07 } from "./create.ts";
export { FormUserActor } from "./form-actor.ts";
export { BrowserUserActor, CHROMIUM_ARGS } from "./browser-actor.ts";
export { CommandUserActor } from "./command-actor.ts";
export { ManualUserActor, isCi } from "./manual-actor.ts";
