import { detectProfile } from "./profiles/detect.ts";
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { Document, isMap, isScalar, type Pair, parse as parseYaml, type YAMLMap } from "yaml";
import { configSchema } from "./config/schema.ts";
import { HarnessError } from "./errors.ts";
import { RequestBudget } from "./http/budget.ts";
import { HttpClient } from "./http/client.ts";
import { Redactor } from "./http/redact.ts";
import { getProfile, profiles, type Profile } from "./profiles/index.ts";
import { discoverTarget } from "./target/discover.ts";
import type { Target } from "./target/target.ts";

/**
 * `init --target <url>`: read the target's discovery documents as an agent would (GET only) and
 * write a starter config with a comment on every field, plus an empty baseline. The user then
 * fills in what the documents cannot say: the trust list entry, the mailbox and the API probes.
 */
export interface InitOptions {
  target: string;
  /** The config file to write (default authmd-conformance.yaml). */
  out: string;
  /** The baseline file to write (default expected-failures.yaml next to the config). */
  baselineOut?: string;
  /** Overwrite existing files. */
  force?: boolean;
  requestTimeoutMs?: number;
}

export interface InitResult {
  configFile: string;
  baselineFile: string;
  profile: string;
  target: Target;
}

/** The mock provider ports the starter config fixes, so the service's trust list can name them. */
export const INIT_PROVIDER_PORTS = { primary: 4000, second: 4001 } as const;
export const INIT_SMTP_PORT = 2525;

export async function runInit(options: InitOptions): Promise<InitResult> {
  const configFile = path.resolve(options.out);
  const baselineFile = path.resolve(options.baselineOut ?? path.join(path.dirname(configFile), "expected-failures.yaml"));
  for (const file of [configFile, baselineFile]) {
    if (!options.force && existsSync(file)) throw new HarnessError("usage", `${file} exists; pass --force to overwrite it`, "out");
  }
  const { profile, target } = await detect(options.target, options.requestTimeoutMs ?? 10_000);
  const text = starterConfig(target, profile);
  // The starter config must load as it is: a config the tool itself rejects is no start.
  configSchema.parse(parseYaml(text));
  await mkdir(path.dirname(configFile), { recursive: true });
  await mkdir(path.dirname(baselineFile), { recursive: true });
  await writeFile(configFile, text);
  await writeFile(baselineFile, starterBaseline(profile));
  return { configFile, baselineFile, profile: profile.id, target };
}

/**
 * Follow the documents of each known profile (GET only, a few requests) and keep the first whose
 * AS metadata carries an agent_auth block; with none, the latest profile and the notes saying why.
 */
async function detect(targetUrl: string, requestTimeoutMs: number): Promise<{ profile: Profile; target: Target }> {
  let url: URL;
  try {
    url = new URL(targetUrl);
  } catch {
    throw new HarnessError("usage", `--target expects an http(s) URL, got "${targetUrl}"`, "target");
  }
  const allowed = new Set([url.origin]);
  const http = new HttpClient({
    requestTimeoutMs,
    maxBodyBytes: 1_048_576,
    allowedOrigins: allowed,
    budget: new RequestBudget(50, 10),
    redactor: new Redactor(),
    readOnly: true,
  });
  let found: { profile: Profile; target: Target } | undefined;
  for (const profile of profiles) {
    let target = await discoverTarget({ targetUrl, profile, http, api: {}, allowedOrigins: [...allowed] });
    // The PRM names the authorization server; init may read its metadata too (GET), and the
    // config then lists its origin in http.allowedOrigins.
    if (target.authorizationServer && !allowed.has(new URL(target.authorizationServer).origin)) {
      allowed.add(new URL(target.authorizationServer).origin);
      target = await discoverTarget({ targetUrl, profile, http, api: {}, allowedOrigins: [...allowed] });
    }
    // The revision is what the documents say (src/profiles/detect.ts), as `run --profile auto` decides.
    const detected = detectProfile(target).chosen;
    if (target.agentAuth) return detected ? { profile: getProfile(detected), target: { ...target, profile: detected } } : { profile, target };
    found ??= { profile, target };
  }
  return found!;
}

/** The starter config: every field commented, what discovery found in the header. */
export function starterConfig(target: Target, profile: Profile): string {
  const asOrigin = target.authorizationServer ? new URL(target.authorizationServer).origin : undefined;
  const otherOrigins = asOrigin && asOrigin !== target.origin ? [asOrigin] : [];
  const resourcePath = target.resource ? new URL(target.resource).pathname : "/";
  const issuers = [INIT_PROVIDER_PORTS.primary, INIT_PROVIDER_PORTS.second].map((port) => `http://127.0.0.1:${port}`);

  const doc = new Document({
    target: target.url,
    profile: profile.id,
    out: "reports",
    api: { read: { method: "GET", path: resourcePath } },
    http: { allowedOrigins: otherOrigins, requestBudget: 5000, maxRatePerSecond: 50, headers: {} },
    timeouts: { requestMs: 10000, checkMs: 60000, runMs: 900000 },
    provider: { mode: "live", port: INIT_PROVIDER_PORTS.primary, second: { port: INIT_PROVIDER_PORTS.second } },
    audience: "auto",
    // v0.1: the user reads claim mail; v0.7: the user signs in on the service's page and confirms.
    ...(profile.id === "v0.7"
      ? {
          userActor: {
            adapter: "form",
            accounts: { confirm: { email: "fill-in-confirming-user@example.com" }, other: { email: "fill-in-other-user@example.com" } },
            signIn: { accountField: "email" },
          },
        }
      : { mailbox: { kind: "smtp", port: INIT_SMTP_PORT }, mail: { waitMs: 15000 }, user: { email: "agent-user@example.test" } }),
  });

  const found = [
    `PRM: ${target.prmUrl}${target.prm ? "" : " (not found)"}`,
    ...(target.resource ? [`resource: ${target.resource}`] : []),
    ...(target.authorizationServer ? [`authorization server: ${target.authorizationServer}`] : []),
    ...(target.asMetadataUrl ? [`AS metadata: ${target.asMetadataUrl}${target.asMetadata ? "" : " (not found)"}`] : []),
    ...Object.entries(target.endpoints).map(([name, url]) => `${name}: ${url}`),
    `auth.md: ${target.manifestUrl}`,
    ...(Array.isArray(target.agentAuth?.identity_types_supported) ? [`identity types: ${(target.agentAuth.identity_types_supported as unknown[]).join(", ")}`] : []),
    ...target.notes.map((n) => `note: ${n}`),
  ];
  doc.commentBefore = [
    ` authmd-conformance config, written by \`authmd-conformance init --target ${target.url}\`.`,
    " Run: npx authmd-conformance run --config <this file> --baseline expected-failures.yaml",
    " Every field is described in authmd-conformance.schema.json (npx authmd-conformance schema).",
    " yaml-language-server: $schema=./node_modules/authmd-conformance/authmd-conformance.schema.json",
    "",
    " Discovered:",
    ...found.map((line) => `   ${line}`),
    "",
    " Before the first run, set up your service (the harness plays the agent provider and the user):",
    " 1. Trust the mock agent provider: add these issuers to the service's ID-JAG trust list",
    ...issuers.map((issuer) => `      issuer ${issuer}   JWKS ${issuer}/.well-known/jwks.json`),
    "    (the ports are provider.port and provider.second.port below; if the service cannot reach",
    "    127.0.0.1, tunnel them and set provider.issuer / provider.second.issuer to the public URLs).",
    ...(profile.id === "v0.7"
      ? [
          " 2. Give the harness two accounts of your service (userActor.accounts) and describe your sign-in",
          "    page (userActor.signIn, .claim; adapters form, browser, command or manual: README \"Configuring the user actor\").",
          " 3. Fill in the API probes (api.read, api.write).",
        ]
      : [
          ` 2. Send claim mail to the harness: SMTP 127.0.0.1:${INIT_SMTP_PORT} (mailbox below), or pick another mailbox kind.`,
          " 3. Fill in the API probes (api.read, api.write) and user.email.",
        ]),
  ].join("\n");

  const comments: Record<string, string> = {
    target: " Base URL of the service under test (where /auth.md and the PRM live).",
    profile: ` Protocol profile to certify; detected: ${target.agentAuth ? "the AS metadata carries an agent_auth block" : "no agent_auth block found, so the latest profile"} (${profile.title}).`,
    out: " Folder for the reports (report.json, junit.xml, report.html, summary.md, badge.svg).",
    api: " Requests that need a scope; a path resolves against the PRM resource.",
    "api.read": " Needs the pre-claim scope: a GET your service protects (here: the PRM resource; change it to a real read endpoint).",
    http: " What the harness may send, and where.",
    "http.allowedOrigins": " Origins besides the target the harness may contact (the authorization server when it lives elsewhere).",
    "http.requestBudget": " Hard cap on requests to the target in one run.",
    "http.maxRatePerSecond": " Requests per second, at most.",
    "http.headers": " Sent on every request, e.g. a staging bypass header (redacted in reports).",
    timeouts: " One exchange, one check, the whole run (milliseconds).",
    provider: " The mock agent provider (IdP) the harness serves; your service must trust its issuers (see the header).",
    "provider.mode": " live: serve a JWKS; key: sign with your own key (signingKeyFile + issuer); off: skip the ID-JAG checks.",
    "provider.port": " Fixed, so the service's trust list can name http://127.0.0.1:<port>.",
    "provider.second": " A second trusted issuer for the cross-issuer checks.",
    audience: " aud of the ID-JAGs: auto follows the ID-JAG draft (AS issuer) and falls back to the PRM resource.",
    mailbox: " Where the harness, playing the user, reads the claim mail. smtp: an embedded sink your service sends to; also directory | http | mailpit | manual.",
    "mailbox.port": " Point the service's SMTP at 127.0.0.1:<port>.",
    mail: " How long to wait for one claim mail.",
    user: " The user the harness plays.",
    "user.email": " Fill in: an address your service accepts and whose mail reaches the mailbox above.",
    userActor: " v0.7: who plays the person in the claim ceremony (README \"Configuring the user actor\").",
    "userActor.accounts": " Fill in: two accounts of your service; `confirm` confirms ceremonies, `other` is the wrong user.",
    "userActor.signIn": " Your sign-in form: the field the account's email goes in (passwordField/passwordEnv when it asks for one).",
  };
  annotate(doc.contents as YAMLMap, "", comments);
  const apiMap = (doc.contents as YAMLMap).get("api") as YAMLMap;
  apiMap.comment =
    " Fill in a write probe that needs a post-claim scope, e.g.\n   write: { method: POST, path: /api/notes, body: { text: hello } }";
  return doc.toString({ lineWidth: 0 });
}

function annotate(map: YAMLMap, prefix: string, comments: Record<string, string>): void {
  for (const pair of map.items as Array<Pair<unknown, unknown>>) {
    if (!isScalar(pair.key)) continue;
    const key = `${prefix}${String(pair.key.value)}`;
    if (comments[key]) pair.key.commentBefore = comments[key];
    if (isMap(pair.value)) annotate(pair.value, `${key}.`, comments);
  }
}

/** An empty expected-failures list, with how to use it. */
export function starterBaseline(profile: Profile): string {
  return [
    `# Checks of profile ${profile.id} known to fail on this service, and why (run --baseline <this file>).`,
    "# A run exits 0 while its only failures are listed here, 1 on a new failure or a listed check that now passes.",
    "#",
    "# - id: DISC-AS-02",
    '#   reason: "AS metadata has no issuer yet (TICKET-123)"',
    "[]",
    "",
  ].join("\n");
}
