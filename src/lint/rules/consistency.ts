import { type Sentence, inSections, isObject, mentionedPositively } from "../capabilities.ts";
import { type MarkdownDoc, sectionAt, shorten } from "../markdown.ts";
import { firstLine } from "../revision.ts";
import { tryParse } from "./common.ts";
import { errorSections } from "./error-codes.ts";
import { NAMES } from "./names.ts";
import { BOTH, type LintContext, type LintRule, type RuleOutput, offers } from "./types.ts";

/**
 * Does the document agree with itself and with the protocol revision it describes? These are the
 * findings a reviewer makes first: no agent_auth block, registration somewhere nothing advertises,
 * another error envelope, an email-link claim the agent cannot see finish, polling in two places,
 * two names for the claim body's identity field, and the other revision's field names.
 */
const agentAuth: LintRule = {
  id: "LINT-AGENT-AUTH",
  title: "The document shows the agent_auth block",
  source: "v0.7.md DISC-AA-01 (A7 Step 1b); v0.1 NOTES Discovery; §15 P19 (forks without agent_auth)",
  revisions: BOTH,
  run({ doc, metadata }) {
    if (metadata) return []; // LINT-META judges the metadata itself.
    const line = firstLine(doc, "agent_auth");
    if (line) return [{ verdict: "pass", message: "Names the agent_auth block", line }];
    return [{ verdict: "warn", message: "Never names an agent_auth block: agents cannot discover the registration, claim and events endpoints from the AS metadata" }];
  },
};

const fieldNames: LintRule = {
  id: "LINT-FIELD-NAMES",
  title: "Field names and paths of one revision",
  source: "v0.7.md §13 (renamed since v0.1); NOTES 'Later revisions'",
  revisions: BOTH,
  run({ doc, revision, divergences }) {
    const names = NAMES[revision.revision];
    const skip = (line: number) => inSections(line, divergences.sections) || mentionsHistory(doc.lines[line - 1] ?? "");
    const found = names.foreign.map((n) => ({ name: n, line: firstLine(doc, n, skip) })).filter((f): f is { name: string; line: number } => f.line !== undefined);
    if (found.length === 0) return [{ verdict: "pass", message: `Only ${revision.revision} field names and paths` }];
    const first = found[0]!;
    return [
      {
        verdict: "warn",
        message: `A ${revision.revision} document uses names of another revision: ${found.map((f) => f.name).join(", ")}`,
        line: first.line,
        text: shorten(doc.lines[first.line - 1] ?? ""),
        details: found.map((f) => `line ${f.line}: ${f.name}`),
      },
    ];
  },
};

/** A line that talks about history ("renamed from register_uri", "formerly", "v0.1") is not a use of the name. */
function mentionsHistory(line: string): boolean {
  const l = line.toLowerCase();
  return ["renamed", "formerly", "deprecated", "instead of", "v0.1", "no longer", "removed"].some((w) => l.includes(w));
}

const registrationEndpoint: LintRule = {
  id: "LINT-REG-ENDPOINT",
  title: "Registration goes to the advertised endpoint",
  source: "v0.7.md REG-01, DISC-AA-01; v0.1 NOTES Registration (POST register_uri); §15 P19",
  revisions: BOTH,
  run(ctx) {
    const names = NAMES[ctx.revision.revision];
    const documented = registrationPosts(ctx);
    if (documented.length === 0) return [{ verdict: "pass", message: "No registration request (POST …) shown in a Register section" }];
    const advertised = advertisedPath(ctx, names.registerKey);
    const expected = advertised?.path ?? names.registerPath;
    // An OAuth endpoint the document's own metadata example advertises (e.g. RFC 7591 registration_endpoint) is not unadvertised.
    const otherAdvertised = documentEndpointPaths(ctx);
    const wrong = documented.filter((d) => d.path !== expected && !otherAdvertised.has(d.path));
    if (wrong.length === 0) return [{ verdict: "pass", message: `Registers at ${expected}${advertised ? ` (advertised by ${advertised.from})` : ` (the ${ctx.revision.revision} path)`}`, line: documented[0]!.line }];
    const w = wrong[0]!;
    return [
      {
        verdict: "warn",
        message: advertised
          ? `Registration at ${w.path}, but ${advertised.from} advertises ${names.registerKey} ${advertised.path}`
          : `Registration at ${w.path}, an endpoint no metadata advertises (no ${names.registerKey}; the ${ctx.revision.revision} path is ${names.registerPath})`,
        line: w.line,
        text: w.text,
        details: wrong.map((d) => `line ${d.line}: POST ${d.path}`),
      },
    ];
  },
};

interface Post {
  path: string;
  line: number;
  text: string;
}

/** `POST <path or URL>` in the lines of sections about registering/provisioning. */
function registrationPosts(ctx: LintContext): Post[] {
  const out: Post[] = [];
  // Sections whose subject is registering ("Step 3: Register", "Provisioning"), not ones that mention registrations.
  const sections = ctx.doc.sections.filter((s) => {
    const title = s.heading.text.toLowerCase().replace(/^step\s{0,3}\d{1,2}[a-z]?[\s:.—–-]{0,8}/, "");
    return title.startsWith("regist") || title.startsWith("provision");
  });
  const seen = new Set<number>();
  for (const s of sections) {
    for (let n = s.startLine; n <= s.endLine; n++) {
      if (seen.has(n)) continue;
      seen.add(n);
      const line = ctx.doc.lines[n - 1] ?? "";
      const at = line.indexOf("POST ");
      if (at < 0) continue;
      const path = endpointPath(firstToken(line.slice(at + 5)));
      if (path) out.push({ path, line: n, text: shorten(line) });
    }
  }
  return out;
}

function firstToken(s: string): string {
  const t = s.trimStart().replace(/^[`"'(]+/, "");
  let end = 0;
  while (end < t.length && !" \t`\"')<>,".includes(t[end]!)) end++;
  return t.slice(0, end);
}

/** The path of a URL or an absolute path token, without query and trailing punctuation; undefined otherwise. */
export function endpointPath(token: string): string | undefined {
  let t = token;
  while (t.length && ".,;:".includes(t[t.length - 1]!)) t = t.slice(0, -1);
  if (t.startsWith("http://") || t.startsWith("https://")) {
    try {
      return trimSlash(new URL(t).pathname);
    } catch {
      return undefined;
    }
  }
  if (t.startsWith("/") && t.length > 1 && !t.startsWith("//")) return trimSlash(t.split("?")[0]!);
  return undefined;
}

export function trimSlash(p: string): string {
  let end = p.length;
  while (end > 1 && p[end - 1] === "/") end--;
  return p.slice(0, end);
}

/** Where the registration endpoint is advertised: the metadata, else an agent_auth example in the document. */
function advertisedPath(ctx: LintContext, key: string): { path: string; from: string } | undefined {
  const fromMeta = ctx.metadata && isObject(ctx.metadata.agent_auth) ? ctx.metadata.agent_auth[key] : undefined;
  if (typeof fromMeta === "string") {
    const path = endpointPath(fromMeta);
    if (path) return { path, from: "the metadata" };
  }
  for (const f of ctx.doc.fences) {
    if (!f.content.includes(key) || tryParse(f.content) !== undefined) continue;
    const json = JSON.parse(f.content) as unknown;
    const block = isObject(json) && isObject(json.agent_auth) ? json.agent_auth : json;
    const value = isObject(block) ? block[key] : undefined;
    const path = typeof value === "string" ? endpointPath(value) : undefined;
    if (path) return { path, from: `the document's agent_auth example (line ${f.line})` };
  }
  return undefined;
}

/** Paths of every `*_endpoint` string in the document's JSON blocks (top level and agent_auth). */
function documentEndpointPaths(ctx: LintContext): Set<string> {
  const out = new Set<string>();
  for (const f of ctx.doc.fences) {
    if (!f.content.includes("_endpoint") || tryParse(f.content) !== undefined) continue;
    const json = JSON.parse(f.content) as unknown;
    for (const obj of [json, isObject(json) ? json.agent_auth : undefined]) {
      if (!isObject(obj)) continue;
      for (const [k, v] of Object.entries(obj)) {
        const path = k.endsWith("_endpoint") && typeof v === "string" ? endpointPath(v) : undefined;
        if (path) out.add(path);
      }
    }
  }
  return out;
}

const errorEnvelope: LintRule = {
  id: "LINT-ERROR-ENVELOPE",
  title: "Error examples use the protocol's envelope",
  source: "v0.7.md ERR-04 ({error, error_description|message}); SET-02 ({err, description}); RFC 6749 §5.2",
  revisions: BOTH,
  run(ctx) {
    const errSections = errorSections(ctx);
    const bad: RuleOutput[] = [];
    let checked = 0;
    for (const f of ctx.doc.fences) {
      if (tryParse(f.content) !== undefined) continue;
      const body = JSON.parse(f.content) as unknown;
      if (!isObject(body)) continue;
      const keys = Object.keys(body);
      const looksLikeError = inSections(f.line, errSections) || keys.some((k) => ["error", "errors", "err", "code", "error_code"].includes(k));
      const success = keys.some((k) => ["registration_id", "access_token", "identity_assertion", "issuer", "resource", "agent_auth", "type", "claim_token"].includes(k));
      if (!looksLikeError || success) continue;
      checked++;
      if (typeof body.error === "string" || typeof body.err === "string") continue;
      const inner = isObject(body.error) ? Object.keys(body.error) : undefined;
      bad.push({
        verdict: "warn",
        message: inner
          ? `A different error envelope: "error" is an object (${inner.slice(0, 8).join(", ")}), not a code string; agents read the code from "error"`
          : `An error example without an "error" member (keys: ${keys.slice(0, 8).join(", ")}): agents read the code from "error"`,
        line: f.line,
        text: shorten(f.content, 120),
      });
    }
    if (bad.length) return bad;
    return [{ verdict: "pass", message: checked ? `${checked} error example(s) carry "error"` : "No JSON error examples" }];
  },
};

const COMPLETION_SIGNALS = ["authorization_pending", "grant-type:claim", "/claim/complete", "poll", "webhook", "callback", "otp"];

const claimCompletion: LintRule = {
  id: "LINT-CLAIM-COMPLETION",
  title: "An email-link claim tells the agent when it completes",
  source: "v0.7.md TOK-CLM-01/02 (poll the claim grant); v0.1 NOTES Claim ceremony (/claim/complete); §15 P19 (email-link claim with no poll)",
  revisions: BOTH,
  run(ctx) {
    if (!offers(ctx, "claim", true)) return [];
    const aboutClaim = (s: Sentence) => s.lower.includes("claim") || (sectionAt(ctx.doc, s.line)?.heading.text.toLowerCase().includes("claim") ?? false);
    const link = ctx.sentences.find((s) => !s.negated && s.lower.includes("email") && (s.lower.includes("link") || s.lower.includes("claim_url")) && aboutClaim(s));
    if (!link) return [{ verdict: "pass", message: "The claim is not an email-link claim" }];
    // Prose only: a poll code in an error table is not a description of how the claim completes.
    const signal = mentionedPositively(ctx.sentences.filter((s) => s.kind !== "cell"), COMPLETION_SIGNALS);
    if (signal) return [{ verdict: "pass", message: `Email-link claim with a completion signal`, line: signal.line, text: signal.text }];
    return [{ verdict: "warn", message: "The claim is completed through an email link, and nothing tells the agent when it is done (no poll, no completion call, no callback)", line: link.line, text: link.text }];
  },
};

const polling: LintRule = {
  id: "LINT-POLLING",
  title: "One polling place, the revision's",
  source: "v0.7.md TOK-CLM-01 (A7 Step 4c: poll the token endpoint with the claim grant); §15 P12",
  revisions: BOTH,
  run(ctx) {
    const places = new Map<string, { line: number; text: string }>();
    for (const s of ctx.sentences) {
      if (s.negated || !s.lower.includes("poll")) continue;
      for (const token of s.text.split(/[\s`"'()<>,]+/)) {
        const path = endpointPath(token);
        if (path && !places.has(path)) places.set(path, { line: s.line, text: s.text });
      }
    }
    if (places.size === 0) return [];
    const list = [...places];
    if (places.size > 1) {
      return [
        {
          verdict: "fail",
          message: `The document polls at ${places.size} different places: ${list.map(([p]) => p).join(", ")}`,
          line: list[1]![1].line,
          text: shorten(list[1]![1].text),
          details: list.map(([p, w]) => `line ${w.line}: ${p}`),
        },
      ];
    }
    const [path, where] = list[0]!;
    const tokenPath = tokenEndpointPath(ctx);
    if (ctx.revision.revision === "v0.7" && tokenPath && path !== tokenPath) {
      return [{ verdict: "warn", message: `Polls ${path}; v0.7 polls the token endpoint (${tokenPath}) with the claim grant`, line: where.line, text: shorten(where.text) }];
    }
    return [{ verdict: "pass", message: `Polls at ${path}`, line: where.line }];
  },
};

function tokenEndpointPath(ctx: LintContext): string | undefined {
  const meta = ctx.metadata?.token_endpoint;
  return (typeof meta === "string" ? endpointPath(meta) : undefined) ?? NAMES[ctx.revision.revision].tokenPath;
}

const claimBody: LintRule = {
  id: "LINT-CLAIM-BODY",
  title: "One identity field in the claim body",
  source: "v0.7.md §15 P6 (v0.7 {type:login_hint, claim_token, login_hint}; v0.4–v0.6 {claim_token, email}); v0.1 NOTES Claim ceremony",
  revisions: BOTH,
  run(ctx) {
    const uses = claimBodyFields(ctx.doc);
    const email = uses.filter((u) => u.field === "email");
    const hint = uses.filter((u) => u.field === "login_hint");
    if (email.length && hint.length) {
      return [
        {
          verdict: "fail",
          message: `The claim body names the user by "email" (line ${email[0]!.line}) and by "login_hint" (line ${hint[0]!.line}): the document contradicts itself`,
          line: hint[0]!.line,
          text: hint[0]!.text,
          details: uses.map((u) => `line ${u.line}: ${u.field}`),
        },
      ];
    }
    const want = NAMES[ctx.revision.revision].claimHintField;
    const only = email.length ? "email" : hint.length ? "login_hint" : undefined;
    if (!only) return [];
    const first = (email[0] ?? hint[0])!;
    if (only !== want) return [{ verdict: "warn", message: `The claim body uses "${only}"; ${ctx.revision.revision} names the user with "${want}"`, line: first.line, text: first.text }];
    return [{ verdict: "pass", message: `The claim body uses "${want}"`, line: first.line }];
  },
};

/** Fenced blocks and inline code that carry a claim_token and an "email" or "login_hint" key. */
function claimBodyFields(doc: MarkdownDoc): Array<{ field: "email" | "login_hint"; line: number; text: string }> {
  const out: Array<{ field: "email" | "login_hint"; line: number; text: string }> = [];
  const look = (text: string, line: number) => {
    if (!text.includes("claim_token")) return;
    if (text.includes('"email"')) out.push({ field: "email", line, text: shorten(text, 120) });
    if (text.includes('"login_hint"')) out.push({ field: "login_hint", line, text: shorten(text, 120) });
  };
  for (const f of doc.fences) look(f.content, f.line);
  for (const c of doc.codes) look(c.text, c.line);
  return out;
}

export const CONSISTENCY_RULES: readonly LintRule[] = [agentAuth, fieldNames, registrationEndpoint, errorEnvelope, claimCompletion, polling, claimBody];
