/** The API conformance suites are written against. */
export { check, type CheckContext } from "./check.ts";
export { assert, CheckFailure, fail, type FailureDetails, NOT_TESTABLE, notTestable, skip } from "./failure.ts";
export { runtime } from "./runtime.ts";
export { BlockedSignal, blocked, type Established, forgetPrerequisite, knownCause, prerequisite, settlePrerequisite } from "./prerequisite.ts";
