import { SampleServiceError } from "./errors.ts";
import type { VariantDefinition, VariantTableEntry } from "./variants/types.ts";
import { DISCOVERY_VARIANTS } from "./variants/discovery.ts";
import { ERRORS_VARIANTS } from "./variants/errors.ts";
import { HTTP_VARIANTS } from "./variants/http.ts";
import { MAIL_VARIANTS } from "./variants/mail.ts";
import { PROVIDER_VARIANTS } from "./variants/provider.ts";

export type { VariantDefinition } from "./variants/types.ts";

// Each area keeps its own table in variants/<area>.ts; they are appended here.
const VARIANT_TABLE = [...PROVIDER_VARIANTS, ...DISCOVERY_VARIANTS, ...ERRORS_VARIANTS, ...MAIL_VARIANTS, ...HTTP_VARIANTS] as const;

/** Every variant name the service knows; `Variants.has` only accepts these, so a typo fails to compile. */
export type VariantName = (typeof VARIANT_TABLE)[number]["name"];

export const VARIANTS: readonly VariantDefinition[] = Object.freeze(
  (VARIANT_TABLE as readonly VariantTableEntry[]).map((entry) => ({
    name: entry.name,
    description: entry.description,
    harness: { ...(entry.harness ?? {}) },
    runs: entry.runs ?? 1,
    fastScope: [...(entry.fastScope ?? [])],
  })),
);

const KNOWN_NAMES: ReadonlySet<string> = new Set(VARIANTS.map((v) => v.name));

/** The set of conformant variants enabled for one running service (the tolerance matrix's twin of Faults). */
export class Variants {
  private readonly enabled: ReadonlySet<string>;

  private constructor(enabled: ReadonlySet<string>) {
    this.enabled = enabled;
  }

  /** Validates names; an unknown name throws SampleServiceError code "unknown_variant", field "variants". */
  static from(names: readonly string[] = []): Variants {
    for (const name of names) {
      if (!KNOWN_NAMES.has(name)) {
        throw new SampleServiceError("unknown_variant", "variants", `unknown variant name: ${JSON.stringify(name)}`);
      }
    }
    return new Variants(new Set(names));
  }

  has(name: VariantName): boolean {
    return this.enabled.has(name);
  }

  list(): string[] {
    return [...this.enabled];
  }
}
