/** A rejected JWT: `code` is the protocol error code returned to the caller, `field` the claim/header at fault. */
export class VerificationError extends Error {
  readonly code: string;
  readonly field: string;

  constructor(code: string, field: string, message: string) {
    super(message);
    this.name = "VerificationError";
    this.code = code;
    this.field = field;
  }
}
