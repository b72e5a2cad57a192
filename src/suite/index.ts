/** The API conformance suites are written against. */
export { check, type CheckContext } from "./check.ts";
export { assert, CheckFailure, fail, type FailureDetails, NOT_TESTABLE, notTestable, skip } from "./failure.ts";
export { runtime } from "./runtime.ts";
