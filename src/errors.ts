/**
 * Errors the harness raises about itself (bad usage, bad config, unreachable target, internal faults).
 * They carry a machine code and, where one is to blame, the offending field.
 * A service breaking a protocol rule is never a HarnessError: that is a check result.
 */
export type HarnessErrorCode =
  | "config_invalid"
  | "config_not_found"
  | "usage"
  | "target_unreachable"
  | "host_not_allowed"
  | "budget_exhausted"
  | "response_too_large"
  | "timeout"
  | "redirect_refused"
  | "bridge_error"
  | "passive_violation"
  | "suite_stopped"
  | "endpoint_missing"
  | "internal";

export class HarnessError extends Error {
  readonly code: HarnessErrorCode;
  readonly field: string | undefined;

  constructor(code: HarnessErrorCode, message: string, field?: string) {
    super(message);
    this.name = "HarnessError";
    this.code = code;
    this.field = field;
  }
}
