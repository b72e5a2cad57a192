/**
 * One conformant variant of the sample service: built differently from the default service, but
 * within what the auth.md sources allow. The tolerance matrix (`npm run test:tolerance`) runs the
 * whole suite against each variant and requires zero MUST failures: a variant that fails proves a
 * false finding of the suite, never a bug of the variant.
 */
export interface VariantTableEntry {
  readonly name: string;
  /** What differs from the default service, and which source allows it. */
  readonly description: string;
  /**
   * What a user of the suite would declare for such a service (config overrides, shaped like the
   * YAML config): e.g. `{ provider: { second: { enabled: false } } }` for a single trusted issuer.
   */
  readonly harness?: Readonly<Record<string, unknown>>;
  /** Back-to-back runs against one long-lived service (default 1): verdicts must be identical. */
  readonly runs?: number;
  /** Requirement id globs the fast subset in `npm test` runs for this variant (empty: not in npm test). */
  readonly fastScope?: readonly string[];
}

export interface VariantDefinition {
  name: string;
  description: string;
  harness: Record<string, unknown>;
  runs: number;
  fastScope: string[];
}
