import { SampleServiceError } from "./errors.ts";
import { CLAIM_FAULTS } from "./faults/claim.ts";
import { DISCOVERY_FAULTS } from "./faults/discovery.ts";
import { FUZZ_FAULTS } from "./faults/fuzz.ts";
import { ID_JAG_FAULTS } from "./faults/id-jag.ts";
import type { FaultDefinition, FaultTableEntry } from "./faults/types.ts";

export type { FaultDefinition } from "./faults/types.ts";

// Later flows add their own table in faults/<flow>.ts and append it here.
const FAULT_TABLE = [...DISCOVERY_FAULTS, ...ID_JAG_FAULTS, ...CLAIM_FAULTS, ...FUZZ_FAULTS] as const;

/** Every fault name the service knows; `Faults.has` only accepts these, so a typo fails to compile. */
export type FaultName = (typeof FAULT_TABLE)[number]["name"];

export const FAULTS: readonly FaultDefinition[] = Object.freeze(
  FAULT_TABLE.map((entry: FaultTableEntry) => ({
    name: entry.name,
    requirementIds: [...entry.requirementIds],
    description: entry.description,
    ...(entry.alsoFails ? { alsoFails: entry.alsoFails } : {}),
    ...(entry.mayAlsoFail ? { mayAlsoFail: entry.mayAlsoFail } : {}),
  })),
);

const KNOWN_NAMES: ReadonlySet<string> = new Set(FAULTS.map((fault) => fault.name));

/** The set of fault switches enabled for one running service. */
export class Faults {
  private readonly enabled: ReadonlySet<string>;

  private constructor(enabled: ReadonlySet<string>) {
    this.enabled = enabled;
  }

  /** Validates names; an unknown name throws SampleServiceError code "unknown_fault", field "faults". */
  static from(names: readonly string[] = []): Faults {
    for (const name of names) {
      if (!KNOWN_NAMES.has(name)) {
        throw new SampleServiceError("unknown_fault", "faults", `unknown fault name: ${JSON.stringify(name)}`);
      }
    }
    return new Faults(new Set(names));
  }

  has(name: FaultName): boolean {
    return this.enabled.has(name);
  }

  list(): string[] {
    return [...this.enabled];
  }
}
