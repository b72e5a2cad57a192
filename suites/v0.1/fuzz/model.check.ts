import fc from "fast-check";
import { runProperty } from "../../../src/fuzz/property.ts";
import { check } from "../../../src/suite/index.ts";
import { boundsFor, claimKind, reportProperty, settings } from "../support/fuzz-env.ts";
import { lifeCommands, ModelMismatch, startLife } from "../support/fuzz-model.ts";
import { type RevocationSetup, revocationSetup } from "../support/id-jag-revocation.ts";

// A registration's life as a fast-check command model (see support/fuzz-model.ts).

check("FUZZ-MODEL-01", async (ctx) => {
  const kind = claimKind(ctx.target);
  let revocation: RevocationSetup | undefined;
  try {
    revocation = await revocationSetup(ctx);
  } catch (err) {
    // No provider or no revocation_uri: the life runs without the revocable credential.
    ctx.note(`Revocation is left out of the model: ${(err as Error).message}`);
  }
  const maxCommands = 10;
  let lives = 0;
  const outcome = await runProperty(
    ctx.http,
    lifeCommands(revocation !== undefined, maxCommands),
    async (commands, http) => {
      let started = false;
      try {
        // startLife checks the registration against the model too (e.g. an anonymous key issued
        // with the post-claim scopes): its mismatch is a finding like any command's.
        const { model, real } = await startLife(ctx, http, ctx.target, kind, `fuzz-model-${lives++}`);
        started = true;
        if (revocation) real.revocation = revocation;
        await fc.asyncModelRun(() => ({ model, real }), commands);
      } catch (err) {
        if (err instanceof ModelMismatch) return `${err.message} (${started ? `after ${sequence(commands)}` : "at registration, before any command"})`;
        throw err;
      }
      return undefined;
    },
    { ...boundsFor(ctx), runs: Math.max(1, settings().runs) },
  );
  ctx.evidence("lives", lives);
  reportProperty(ctx, outcome, {
    rule: "The service left the model of a registration's life",
    expected: "pre-claim scopes until /complete, post-claim after; never re-claimable; revoked credentials 401",
    describe: (commands) => ({ registration: kind, commands: sequence(commands) }),
  });
});

/** The commands that ran, without fast-check's replay-path comment (the path is in the property evidence). */
function sequence(commands: Iterable<unknown>): string {
  return String(commands).replace(/\s*\/\*replayPath=.*\*\/\s*$/, "");
}
