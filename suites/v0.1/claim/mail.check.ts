import type { MailMessageJson } from "../../../src/harness-services/mailbox-service.ts";
import { assert, check, fail, notTestable } from "../../../src/suite/index.ts";
import { attachSteps, requireAnonymous, requireVerifiedEmail } from "../support/claim-env.ts";
import { allWalks, anonymousWalk, verifiedEmailWalk, walkName, walkStopped, walksStopped } from "../support/claim-walks.ts";

// The claim mail, read from the configured mailbox as the user would.

/** What a mail looks like in evidence: who, subject, how many links (never its body: it holds a secret). */
function mailSummary(mail: MailMessageJson | undefined) {
  return mail ? { to: mail.to, subject: mail.subject, links: mail.links.length, receivedAt: mail.receivedAt } : undefined;
}

check("MAIL-01", async (ctx) => {
  requireVerifiedEmail(ctx.target);
  const walk = await verifiedEmailWalk(ctx.target);
  attachSteps(ctx, walk.steps, ["register"]);
  if (!walk.claimToken) walkStopped(walk, "the registration failed (see VEM-01)");
  if (walk.mailProblem) fail(walk.mailProblem, { expected: `a claim mail to ${walk.email}`, actual: null });
  ctx.evidence("mail", mailSummary(walk.mail));
  assert(walk.ceremony !== undefined, walk.stopped ?? "the claim mail has no usable link", { expected: "a claim link", actual: walk.mail?.links.length });
});

check("MAIL-02", async (ctx) => {
  requireAnonymous(ctx.target);
  const walk = await anonymousWalk(ctx.target);
  attachSteps(ctx, walk.steps, ["claim", "claim:second"]);
  if (!walk.claim1 || (walk.mail1Problem === undefined && walk.mail1 === undefined)) walkStopped(walk, "/claim did not succeed (see ANON-02)");
  // A store that keeps one mail per registration lets the second /claim's mail replace the first:
  // the first was sent, then overwritten. Reported as such, never as a mail that was not sent.
  const overwritten = walk.mail1Overwritten && walk.mail2 !== undefined;
  if (overwritten) ctx.note(`The first claim mail (to ${walk.email1}) could not be read: ${walk.mail1Problem}. Only the latest mail of the registration was judged.`);
  const problems = [overwritten ? undefined : walk.mail1Problem, walk.mail2Problem].filter((p): p is string => p !== undefined);
  ctx.evidence("mails", [mailSummary(walk.mail1), mailSummary(walk.mail2)].filter(Boolean));
  if (overwritten) ctx.evidence("overwritten", { address: walk.email1, by: walk.email2 });
  assert(problems.length === 0, problems.join("; "), { expected: "one claim mail per /claim", actual: null });
  assert(walk.ceremony !== undefined, walk.stopped ?? "the claim mail has no usable link", { expected: "a claim link" });
});

check("MAIL-03", async (ctx) => {
  const { walks, absent } = await allWalks(ctx.target);
  const counts: { address: string; count: number }[] = [];
  for (const walk of walks) {
    if (walk.kind === "verified-email") {
      if (walk.mail && walk.mailCount !== undefined) counts.push({ address: walk.email, count: walk.mailCount });
    } else {
      if (walk.mail1 && walk.mailCount1 !== undefined) counts.push({ address: walk.email1, count: walk.mailCount1 });
      if (walk.mail2 && walk.mailCount2 !== undefined) counts.push({ address: walk.email2, count: walk.mailCount2 });
    }
  }
  if (counts.length === 0) walksStopped(walks, [...absent, ...walks.map((w) => `${walkName(w)}: ${w.stopped ?? "no mail"}`)].join("; "));
  ctx.evidence("mailCounts", counts);
  const extra = counts.filter((c) => c.count !== 1);
  assert(extra.length === 0, `More than one claim mail per registration or attempt: ${extra.map((c) => `${c.count} to ${c.address}`).join(", ")}`, {
    expected: 1,
    actual: extra.map((c) => c.count),
  });
});

check("MAIL-04", async (ctx) => {
  const { walks, absent } = await allWalks(ctx.target);
  const mails: { walk: string; mail: MailMessageJson; claimToken: string }[] = [];
  for (const walk of walks) {
    if (!walk.claimToken) continue;
    const received = walk.kind === "verified-email" ? [walk.mail] : [walk.mail1, walk.mail2];
    for (const mail of received) if (mail) mails.push({ walk: walkName(walk), mail, claimToken: walk.claimToken });
  }
  if (mails.length === 0) walksStopped(walks, [...absent, ...walks.map((w) => `${walkName(w)}: ${w.stopped ?? "no mail"}`)].join("; "));
  const leaking = mails.filter(({ mail, claimToken }) => mail.text.includes(claimToken) || (mail.html ?? "").includes(claimToken) || mail.subject.includes(claimToken));
  ctx.evidence("mails", mails.map(({ walk, mail }) => ({ flow: walk, ...mailSummary(mail) })));
  assert(leaking.length === 0, `The claim mail to ${leaking.map((m) => m.mail.to.join(", ")).join("; ")} contains the agent's claim_token`, {
    expected: "only the claim_attempt_token link",
    actual: `${leaking.length} mail(s) with the claim_token`,
  });
});
