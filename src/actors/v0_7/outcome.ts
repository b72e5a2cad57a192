import type { OutcomeText } from "./config.ts";
import type { ActorOutcome } from "./types.ts";

/**
 * The verdict a page's status and text stand for (v0.7.md §14.1: the reference answers 200 "All
 * set", 401 wrong code, 403 wrong account, 404 unknown link, 409 already claimed, 410 expired).
 * Configured text patterns decide first, for services that answer 200 to everything; a 200 then
 * counts as confirmed only when the `confirmed` text (if configured) shows.
 */
export function outcomeOf(status: number, pageText: string, text: OutcomeText, afterSubmit: boolean): { outcome: ActorOutcome; reason?: string } {
  const says = (source: string | undefined): boolean => source !== undefined && new RegExp(source, "i").test(pageText);
  if (says(text.expired)) return { outcome: "expired", reason: "text" };
  if (says(text.invalidLink)) return { outcome: "invalid-link", reason: "text" };
  if (says(text.refused)) return { outcome: "refused", reason: "text" };
  if (says(text.confirmed)) return { outcome: "confirmed", reason: "text" };
  switch (status) {
    case 401:
      return { outcome: "refused", reason: "wrong-code" };
    case 403:
      return { outcome: "refused", reason: "wrong-account" };
    case 429:
      return { outcome: "refused", reason: "too-many-attempts" };
    case 404:
      return { outcome: "invalid-link", reason: "unknown-link" };
    case 409:
      return { outcome: "invalid-link", reason: "already-claimed" };
    case 410:
      return { outcome: "expired" };
    case 400:
      return { outcome: "error", reason: "malformed" };
  }
  if (status >= 500) return { outcome: "error", reason: `server-error` };
  if (status >= 200 && status < 300 && afterSubmit) {
    return text.confirmed === undefined ? { outcome: "confirmed" } : { outcome: "unknown", reason: "confirmed text not shown" };
  }
  return { outcome: "unknown" };
}
