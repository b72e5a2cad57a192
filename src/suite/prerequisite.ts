import type { Cause, CauseEvidence } from "../report/model.ts";

/**
 * Shared prerequisites: one missing piece (no discovery documents, a refused baseline ID-JAG, no
 * claim mail, no scope-guarded route) is one finding, not N failures. A check that needs a piece
 * the run does not have throws BlockedSignal; the check wrapper records the cause and the
 * collector reports the check as `blocked` with `blockedBy` = the cause's id, and the cause once.
 */
export class BlockedSignal extends Error {
  constructor(readonly blockedBy: Cause) {
    super(`Blocked by ${blockedBy.id}: ${blockedBy.title}`);
    this.name = "BlockedSignal";
  }
}

/** End the check as blocked by `cause`. */
export function blocked(cause: Cause): never {
  throw new BlockedSignal(cause);
}

/** What establishing a prerequisite found: the value the checks need, or why it is missing. */
export type Established<T> = { ok: true; value: T } | { ok: false; title: string; evidence: CauseEvidence };

/**
 * Outcomes of prerequisites, per run. The runner executes every suite file in one worker with
 * isolation off, so module state lives exactly as long as one run.
 */
const outcomes = new Map<string, Promise<Established<unknown>>>();

/**
 * Establish a prerequisite once per run and memoise the outcome: the first caller runs
 * `establish`; every caller gets the value, or a BlockedSignal carrying the cause
 * `{ id: causeId, title, evidence }`. A harness fault inside `establish` is not memoised (it
 * propagates to the caller as an error).
 */
export async function prerequisite<T>(causeId: string, establish: () => Promise<Established<T>>): Promise<T> {
  let outcome = outcomes.get(causeId) as Promise<Established<T>> | undefined;
  if (!outcome) {
    outcome = establish();
    outcomes.set(causeId, outcome);
    outcome.catch(() => outcomes.delete(causeId));
  }
  const settled = await outcome;
  if (settled.ok) return settled.value;
  blocked({ id: causeId, title: settled.title, evidence: settled.evidence });
}

/** The cause recorded for `causeId` so far, if its prerequisite was found missing. */
export async function knownCause(causeId: string): Promise<Cause | undefined> {
  const outcome = outcomes.get(causeId);
  if (!outcome) return undefined;
  const settled = await outcome.catch(() => undefined);
  return settled && !settled.ok ? { id: causeId, title: settled.title, evidence: settled.evidence } : undefined;
}

/** Record a prerequisite's outcome found elsewhere (e.g. by a wait that several checks share). */
export function settlePrerequisite<T>(causeId: string, outcome: Established<T>): void {
  if (!outcomes.has(causeId)) outcomes.set(causeId, Promise.resolve(outcome));
}

/** Forget a prerequisite (after a deliberate change, e.g. a key rotation, it must be re-proven). */
export function forgetPrerequisite(causeId: string): void {
  outcomes.delete(causeId);
}
