import type { VariantTableEntry } from "./types.ts";

/** Conformant variants of the sample service: mail. See types.ts. */
export const MAIL_VARIANTS = [
  {
    name: "one-mail-file-per-registration",
    description:
      "The service sends no real mail: it writes the claim mail of a registration to <registration_id>.html in a folder (as the auth.md reference demo writes .mail/), so a re-send for the same registration (a second POST /claim) overwrites the first mail. The sources require a mail per /claim, not how a test deployment stores it; the harness reads the folder with the directory mailbox and must report an overwritten mail as overwritten, never as not sent.",
    // The demo gives a directory mailbox without a path a fresh folder the sample service writes into.
    harness: { mailbox: { kind: "directory" } },
    fastScope: ["MAIL-*", "ANON-*", "VEM-*", "CLM-05"],
  },
] as const satisfies readonly VariantTableEntry[];
