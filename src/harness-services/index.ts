import type { Config } from "../config/schema.ts";
import { startControlServer } from "./control-server.ts";
import { Ledger } from "./ledger.ts";
import { type RunningMailboxService, startMailboxService } from "./mailbox-service.ts";
import { type RunningProviders, startProviders } from "./providers.ts";

/**
 * The parts of the harness that run as servers in the CLI process while the suites run: the
 * mock agent provider(s) the target trusts, and the mailbox the target sends claim mail to.
 */
export interface HarnessServices {
  providers?: RunningProviders;
  mailbox?: RunningMailboxService;
  /** Handed to the suites (plain JSON: control URLs and tokens, never keys). */
  settings: Record<string, unknown>;
  ledger: Ledger;
  /** Origins of these servers: the harness may always contact them. */
  origins: string[];
  close(): Promise<void>;
}

export async function startHarnessServices(config: Config, io: { log?: (line: string) => void } = {}): Promise<HarnessServices> {
  const providers = await startProviders(config);
  let mailbox: RunningMailboxService | undefined;
  try {
    mailbox = await startMailboxService(config);
  } catch (err) {
    await providers?.close();
    throw err;
  }
  const ledger = new Ledger();
  const ledgerControl = await startControlServer({
    "POST /record": async (body) => {
      ledger.record(body as never);
      return { recorded: ledger.entries.length };
    },
  });
  if (providers) io.log?.(providers.trustInstructions());
  if (mailbox.settings.smtp) {
    io.log?.(`Claim mail must be sent to the SMTP sink at ${mailbox.settings.smtp.host}:${mailbox.settings.smtp.port} (${config.user.email})`);
  }
  return {
    ...(providers ? { providers } : {}),
    mailbox,
    settings: {
      ...(providers ? { provider: providers.settings } : {}),
      mailbox: mailbox.settings,
      ledger: { controlUrl: ledgerControl.url, controlToken: ledgerControl.token },
    },
    ledger,
    origins: providers?.origins ?? [],
    async close() {
      await Promise.all([providers?.close(), mailbox?.close(), ledgerControl.close()]);
    },
  };
}
