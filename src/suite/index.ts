/** The API conformance suites are written against. */
export { check, type CheckContext } from "./check.ts";
export { assert, CheckFailure, fail, type FailureDetails, NOT_TESTABLE, notTestable, skip } from "./failure.ts";
export { runtime } from "./runtime.ts";
export { BlockedSignal, blocked, type Established, forgetPrerequisite, knownCause, prerequisite, settlePrerequisite } from "./prerequisite.ts";
export { NO_USER_ACTOR_CAUSE, newUserActor, recordActorResult, requireUserAccounts, slowTier, userAccounts, userActorConfig, withUserActor } from "./user-actor.ts";
