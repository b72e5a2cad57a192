/** Details of a broken rule, for the report's evidence. */
export interface FailureDetails {
  expected?: unknown;
  actual?: unknown;
  /** JSON pointer into the document the finding is about, e.g. "/agent_auth/register_uri". */
  pointer?: string;
  /** Which document the pointer is into (a URL). */
  document?: string;
}

/**
 * The service broke the rule under test. Anything else thrown inside a check is a harness fault
 * and is reported as `error`, never as `fail`.
 */
export class CheckFailure extends Error {
  readonly details: FailureDetails;
  // Allure classifies an error carrying expected/actual as a test failure ("failed"), anything
  // else as "broken"; showDiff=false keeps vitest from printing a diff of them.
  readonly expected: unknown;
  readonly actual: unknown;
  readonly showDiff = false;
  constructor(message: string, details: FailureDetails = {}) {
    super(message);
    this.name = "CheckFailure";
    this.details = details;
    this.expected = details.expected ?? null;
    this.actual = details.actual ?? null;
  }
}

/**
 * Prefix for a MUST/SHOULD that could not be exercised because a prerequisite of this check alone
 * is missing. A prerequisite shared by many checks is a cause instead (prerequisite.ts: blocked).
 */
export const NOT_TESTABLE = "Not testable:";

/** Thrown by skip(): the check wrapper turns it into a vitest skip with the reason. */
export class SkipSignal extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "SkipSignal";
  }
}

/** The service broke the rule. */
export function fail(message: string, details: FailureDetails = {}): never {
  throw new CheckFailure(message, details);
}

/** Fail unless `condition` holds. */
export function assert(condition: unknown, message: string, details: FailureDetails = {}): asserts condition {
  if (!condition) throw new CheckFailure(message, details);
}

/** A prerequisite of this check alone is missing: a failure whose message starts "Not testable:". */
export function notTestable(reason: string): never {
  throw new CheckFailure(`${NOT_TESTABLE} ${reason}`);
}

/** The target does not advertise the feature (name the field). Only for that: otherwise fail. */
export function skip(reason: string): never {
  throw new SkipSignal(reason);
}
