import type { Exchange } from "../http/exchange.ts";
import type { Cause } from "../report/model.ts";
import type { FailureDetails } from "./failure.ts";

/** What a check attaches to its vitest task, read back by the collecting reporter. */
export interface CheckMeta {
  id: string;
  exchanges: Exchange[];
  evidence: Record<string, unknown>;
  /** Informational findings on a pass (e.g. which reading of a disputed rule the target follows). */
  notes: string[];
  failure?: FailureDetails;
  /** Set when a missing shared prerequisite blocked the check (status blocked). */
  blocked?: Cause;
}

declare module "vitest" {
  interface TaskMeta {
    authmd?: CheckMeta;
  }
}
