import { FAULTS } from "../sample-service/faults.ts";

/** `demo --list-faults`: one line per fault switch, name<TAB>requirement ids (loads the fault table only, not the service). */
export function listFaults(): string[] {
  return FAULTS.map((f) => `${f.name}\t${f.requirementIds.join(",")}`);
}
