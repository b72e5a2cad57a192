import type { Exchange } from "../http/exchange.ts";
import type { FailureDetails } from "./failure.ts";

/** What a check attaches to its vitest task, read back by the collecting reporter. */
export interface CheckMeta {
  id: string;
  exchanges: Exchange[];
  evidence: Record<string, unknown>;
  /** Informational findings on a pass (e.g. which reading of a disputed rule the target follows). */
  notes: string[];
  failure?: FailureDetails;
}

declare module "vitest" {
  interface TaskMeta {
    authmd?: CheckMeta;
  }
}
