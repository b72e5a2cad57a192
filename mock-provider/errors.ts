// Errors raised by the mock provider. Each carries a machine code and, where it applies, the field at fault.

export type MockProviderErrorCode =
  | "unknown_kid"
  | "cannot_retire_current_key"
  | "invalid_signing_key"
  | "unknown_forge_case"
  | "invalid_input";

export class MockProviderError extends Error {
  readonly code: MockProviderErrorCode;
  readonly field: string | undefined;
  constructor(code: MockProviderErrorCode, message: string, field?: string) {
    super(message);
    this.name = "MockProviderError";
    this.code = code;
    this.field = field;
  }
}

export type ForgeUnavailableCode = "needs_second_provider" | "needs_distinct_resource";

/** A forge case cannot be built in this context (the suite should skip it, not fail it). */
export class ForgeUnavailable extends Error {
  readonly code: ForgeUnavailableCode;
  readonly caseId: string;
  constructor(code: ForgeUnavailableCode, caseId: string, message: string) {
    super(message);
    this.name = "ForgeUnavailable";
    this.code = code;
    this.caseId = caseId;
  }
}
