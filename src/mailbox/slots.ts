// Stores that keep one mail per place (a file per registration, a page per registration) lose a
// mail when a later one is written there. This remembers what each place held, so a replaced mail
// the harness saw still counts as sent, and a wait that comes too late can say "overwritten".
import { addressesMatch } from "./message.ts";
import type { MailMessage } from "./types.ts";

/** Most replaced mails remembered (bounds memory on a busy folder). */
const MAX_REPLACED = 1_000;

export class SlotHistory {
  private readonly latest = new Map<string, MailMessage>();
  private readonly replaced: MailMessage[] = [];

  /**
   * Record what the slots hold now; a slot's earlier mail is kept, marked `overwritten`. Returns
   * the replaced mails followed by `current`.
   */
  observe(current: readonly MailMessage[]): MailMessage[] {
    for (const message of current) {
      if (message.slot === undefined) continue;
      const before = this.latest.get(message.slot);
      if (before !== undefined && before.id !== message.id && this.replaced.length < MAX_REPLACED) {
        this.replaced.push({ ...before, overwritten: true });
      }
      this.latest.set(message.slot, message);
    }
    return [...this.replaced, ...current];
  }

  /** A slot named after the registration whose latest mail went to someone else, described; else undefined. */
  overwrittenFor(to: string, registrationId: string | undefined): string | undefined {
    if (registrationId === undefined || registrationId === "") return undefined;
    for (const [slot, message] of this.latest) {
      if (!slot.includes(registrationId) || addressesMatch(message.to, to)) continue;
      const now = message.to.length ? `a mail to ${message.to.join(", ")}` : "a mail to another address";
      return `${slot} (the mail of registration ${registrationId}) holds ${now}, received ${message.receivedAt.toISOString()}`;
    }
    return undefined;
  }
}
