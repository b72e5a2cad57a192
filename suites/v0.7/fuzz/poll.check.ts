import fc from "fast-check";
import { runProperty } from "../../../src/fuzz/property.ts";
import { AgentV07 } from "../../../src/profiles/v0_7/agent.ts";
import { check } from "../../../src/suite/index.ts";
import { agentWith } from "../support/agent.ts";
import { anonymousCeremony, boundsFor, bodyOf, describeAnswer, oauthError, reportProperty } from "../support/fuzz-env.ts";

// Polling the claim grant faster than `interval` (RFC 8628 §3.5; v0.7.md TOK-CLM-07, §15 P15).

/** A burst: the gaps (ms) between polls after the first, each far shorter than any sane interval. */
const burst = fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 1, maxLength: 4 });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

check("FUZZ-POLL-01", async (ctx) => {
  agentWith(ctx, "identity", "claim", "token");
  const outcome = await runProperty(
    ctx.http,
    burst,
    async (gaps, http) => {
      const agent = new AgentV07(http, ctx.target);
      // A fresh pending ceremony nobody confirms: its first poll is on time, the burst is not.
      const started = await anonymousCeremony(agent, "fuzz-poll@agents.example.org");
      if ("problem" in started) return undefined;
      const intervalMs = started.ceremony.interval * 1000;
      let last = Date.now();
      const first = await agent.token.claimGrant(started.claimToken);
      if (first.status === 200 && typeof bodyOf(first).access_token === "string") return "the first poll of a ceremony nobody confirmed minted an access_token (TOK-CLM-01)";
      for (const [i, gap] of gaps.entries()) {
        await sleep(gap);
        const sent = Date.now();
        // Only a poll inside the interval since the previous answer is "too fast".
        if (sent - last >= intervalMs) return undefined;
        const res = await agent.token.claimGrant(started.claimToken);
        last = Date.now();
        if (res.status === 200 && typeof bodyOf(res).access_token === "string") return `poll ${i + 2}, ${gap} ms after the previous one, minted an access_token before the user confirmed (TOK-CLM-01)`;
        if (oauthError(res) !== "slow_down") return `poll ${i + 2}, ${gap} ms after the previous one (interval ${started.ceremony.interval} s), answered ${describeAnswer(res)}, not slow_down`;
      }
      return undefined;
    },
    boundsFor(ctx, 0.5),
  );
  reportProperty(ctx, outcome, {
    rule: "Polling faster than interval was not slowed down",
    expected: "400 slow_down for every poll inside the interval (RFC 8628 §3.5), never a token before the confirmation",
    describe: (gaps) => ({ pollsAfterTheFirst: gaps.length, gapsMs: gaps }),
  });
});
