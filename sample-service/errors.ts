/** Thrown for invalid options passed to startSampleService. `code` is machine-readable, `field` names the option. */
export class SampleServiceError extends Error {
  readonly code: string;
  readonly field: string;

  constructor(code: string, field: string, message: string) {
    super(message);
    this.name = "SampleServiceError";
    this.code = code;
    this.field = field;
  }
}
