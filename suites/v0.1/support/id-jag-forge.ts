// Running forge cases of the mock provider against the target and judging each by the case's own
// expectation (mock-provider/forge.ts): accept → 200 with a credential (v0.7: an
// identity_assertion); reject → 400 with a documented code for the case's error keys. Under v0.7
// every token a case mints carries a fresh auth_time (v0.7.md §4.1), unless the case decides it.
import { ControlApiError, type MockProviderClient, type RemoteForgeCase, type RemoteForgeContext } from "../../../mock-provider/client.ts";
import type { ErrorKey, IdJagPresentation } from "../../../src/profiles/types.ts";
import { answerClass } from "../../../src/report/signature.ts";
import { type CheckContext, fail, notTestable } from "../../../src/suite/index.ts";
import { type Answer, carriesCredential, type CodeRule, type Verdict, judgeAcceptance, judgeRejection } from "./id-jag-logic.ts";
import { freshAuthTime, type IdJagSetup, profileAliases, registerAssertion, registered, strictVocabulary } from "./id-jag-setup.ts";

const catalogues = new Map<string, Promise<RemoteForgeCase[]>>();

/** The forge catalogue of a provider (fetched once per worker). */
export async function forgeCase(provider: MockProviderClient, id: string): Promise<RemoteForgeCase> {
  let cases = catalogues.get(provider.controlUrl);
  if (!cases) {
    cases = provider.cases();
    catalogues.set(provider.controlUrl, cases);
  }
  const found = (await cases).find((c) => c.id === id);
  if (!found) throw new Error(`the mock provider has no forge case "${id}"`);
  return found;
}

/** Build a forge case; a case the context cannot support (409 from the control API) is "Not testable". */
export async function buildForge(provider: MockProviderClient, id: string, context: RemoteForgeContext): Promise<string[]> {
  try {
    return (await provider.forge(id, context)).tokens;
  } catch (err) {
    if (err instanceof ControlApiError && err.status === 409) notTestable(`forge case ${id}: ${err.message}`);
    throw err;
  }
}

/** Judge the last answer of a case by the case's expectation. */
export function judgeCase(forge: RemoteForgeCase, answer: Answer, keys?: readonly ErrorKey[], codes?: CodeRule): Verdict {
  if (forge.expect.accept) return judgeAcceptance(answer);
  return judgeRejection(answer, keys ?? forge.expect.errorKeys, profileAliases(), strictVocabulary(), codes);
}

export interface CaseOutcome {
  id: string;
  verdict: Verdict;
  /** Every answer of the case in order (ID-JAG presentations, or v0.1 logout answers). */
  answers: Answer[];
}

export interface IdJagCaseOptions {
  /** Provider whose forge builds the tokens (default: the setup's primary provider). */
  provider?: MockProviderClient;
  /** Issuer of that provider (for the ledger). */
  issuer?: string;
  context?: Partial<RemoteForgeContext>;
  /** Error keys to accept instead of the case's own. */
  keys?: readonly ErrorKey[];
  /** Whether the code must be documented (default: by key, see CodeRule). */
  codes?: CodeRule;
}

/** Build an ID-JAG forge case, submit every token in order to register_uri, judge the last. */
export async function runIdJagCase(ctx: CheckContext, setup: IdJagSetup, audience: string, id: string, options: IdJagCaseOptions = {}): Promise<CaseOutcome> {
  const provider = options.provider ?? setup.provider;
  const forge = await forgeCase(provider, id);
  const context: RemoteForgeContext = {
    audience,
    ...(setup.resource ? { resource: setup.resource } : {}),
    ...(setup.needsAuthTime ? { authTime: freshAuthTime() } : {}),
    ...options.context,
  };
  const tokens = await buildForge(provider, id, context);
  const answers: IdJagPresentation[] = [];
  for (const token of tokens) {
    const res = await registerAssertion(ctx, setup, token);
    answers.push(res);
    // Anything that registered is recorded, accepted by design or not.
    await registered(ctx, res, { iss: options.issuer ?? setup.issuer, sub: context.subject ?? "(forge)", aud: context.audience });
  }
  const verdict = judgeCase(forge, answers[answers.length - 1]!, options.keys, options.codes);
  report(ctx, forge, verdict, answers);
  if (verdict.kind === "fail") ctx.outcome(outcomeClass(forge, answers[answers.length - 1]!), id);
  return { id, verdict, answers };
}

/** The class of a failed case's answer, for baselines: refused with another code is not accepted. */
export function outcomeClass(forge: Pick<RemoteForgeCase, "expect">, answer: Answer): string {
  const cls = answerClass(answer.status);
  const credential = carriesCredential(answer.json);
  if (forge.expect.accept) return cls === "accepted" ? "accepted-without-credential" : cls;
  if (cls === "refused") return credential ? "refused-with-credential" : "refused-other-code";
  return cls;
}

export function report(ctx: CheckContext, forge: RemoteForgeCase, verdict: Verdict, answers: readonly Answer[]): void {
  const last = answers[answers.length - 1];
  ctx.evidence(`forge ${forge.id}`, {
    breaks: forge.breaks,
    expected: forge.expect.accept ? "accept (200 with a credential)" : `400 with a code for ${forge.expect.errorKeys.join("/")}`,
    status: last?.status,
    ...(verdict.kind !== "not-testable" && verdict.code ? { error: verdict.code } : {}),
    // The refusal passed, its code was not judged: the sources fix none for this failure.
    ...(verdict.kind === "pass" && verdict.codeUndocumented ? { code: "not judged here (the sources fix no single code; see IDJAG-CODE-01 for issuer/audience/expiry)" } : {}),
    verdict: verdict.kind === "pass" ? "as expected" : verdict.message,
    ...(verdict.kind === "pass" && verdict.vocabulary ? { vocabulary: verdict.vocabulary } : {}),
  });
  if (verdict.kind === "pass" && verdict.note) ctx.note(`${forge.id}: ${verdict.note}`);
}

/**
 * Fold several case outcomes into the check's verdict: any failure fails the check (all are named),
 * else any not-testable case makes it not testable.
 */
export function settle(outcomes: readonly CaseOutcome[], conflict?: string): void {
  const failures = outcomes.filter((o) => o.verdict.kind === "fail");
  if (failures.length > 0) {
    const message = failures.map((o) => `${o.id}: ${(o.verdict as { message: string }).message}`).join("; ");
    // A SHOULD held at that level because the sources disagree names the disagreement.
    fail(conflict ? `${message}. ${conflict}` : message, {
      expected: "each forge case handled as its expectation says",
      actual: Object.fromEntries(outcomes.map((o) => [o.id, o.answers[o.answers.length - 1]?.status])),
    });
  }
  const untestable = outcomes.find((o) => o.verdict.kind === "not-testable");
  if (untestable) notTestable(`${untestable.id}: ${(untestable.verdict as { message: string }).message}`);
}

/** Run ID-JAG forge cases one after another and settle them. */
export async function idJagCases(ctx: CheckContext, setup: IdJagSetup, audience: string, ids: readonly string[], options: IdJagCaseOptions & { conflict?: string } = {}): Promise<CaseOutcome[]> {
  const outcomes: CaseOutcome[] = [];
  for (const id of ids) outcomes.push(await runIdJagCase(ctx, setup, audience, id, options));
  settle(outcomes, options.conflict);
  return outcomes;
}
