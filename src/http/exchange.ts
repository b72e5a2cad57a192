/** One HTTP request and its answer, as recorded in a check's evidence (always redacted). */
export interface Exchange {
  method: string;
  url: string;
  requestHeaders: Record<string, string>;
  requestBody?: string;
  status?: number;
  responseHeaders?: Record<string, string>;
  /** An excerpt of the response body (first EXCERPT_CHARS characters). */
  responseBody?: string;
  truncated?: boolean;
  durationMs: number;
  /** Transport trouble (timeout, refused, too large), when no complete answer came. */
  error?: { code: string; message: string };
  /**
   * A curl line that reproduces the request. Tokens the harness minted are in clear; a secret the
   * target issued is a shell variable ("$CLAIM_TOKEN"), named in curlVariables.
   */
  curl: string;
  /** The shell variables the curl line reads, each with how to obtain a value (additive). */
  curlVariables?: CurlVariable[];
}

export interface CurlVariable {
  name: string;
  /** How to obtain a value for it. */
  obtain: string;
  /** The masked value the run saw («redacted:…#fingerprint»): compare with other evidence. */
  seen: string;
}

export const EXCERPT_CHARS = 2_000;

export function curlLine(method: string, url: string, headers: Record<string, string>, body?: string): string {
  return curlCommand(method, url, headers, body).curl;
}

/** A masked value as the redactor writes it (see http/redact.ts mask()). */
const MASKED = /«redacted:[^»]*»/g;

/**
 * The curl line and the variables it reads: each masked secret becomes "$NAME", named after the
 * field, query parameter or header that carried it (one variable per distinct secret).
 */
export function curlCommand(method: string, url: string, headers: Record<string, string>, body?: string): { curl: string; variables: CurlVariable[] } {
  const q = (v: string) => `'${v.replace(/'/g, `'\\''`)}'`;
  const parts = ["curl", "-sS", "-X", method, q(url)];
  for (const [name, value] of Object.entries(headers)) parts.push("-H", q(`${name}: ${value}`));
  if (body !== undefined) parts.push("--data-binary", q(body));
  return substituteMasks(parts.join(" "), []);
}

/**
 * A curl line whose masked secrets become "$NAME" (the variables it already reads are kept). Every
 * argument of a curl line is single-quoted, so a mask is spliced as '"$NAME"': close the quote,
 * the variable in double quotes, reopen. Also for a line masked after it was built (a secret the
 * run learnt later is masked in the text of earlier evidence).
 */
export function substituteMasks(curl: string, known: readonly CurlVariable[]): { curl: string; variables: CurlVariable[] } {
  const variables = [...known];
  let out = "";
  let from = 0;
  for (const m of curl.matchAll(MASKED)) {
    out += `${curl.slice(from, m.index)}'"$${variableFor(curl.slice(0, m.index), m[0], variables)}"'`;
    from = m.index + m[0].length;
  }
  return { curl: out + curl.slice(from), variables };
}

/** An exchange whose curl line reads its masked secrets from named variables (unchanged when it has none). */
export function withCurlVariables(exchange: Exchange): Exchange {
  if (!exchange.curl.includes("«redacted:")) return exchange;
  const { curl, variables } = substituteMasks(exchange.curl, exchange.curlVariables ?? []);
  return { ...exchange, curl, curlVariables: variables };
}

function variableFor(before: string, seen: string, variables: CurlVariable[]): string {
  const known = variables.find((v) => v.seen === seen);
  if (known) return known.name;
  const base = secretName(before);
  let name = base;
  for (let i = 2; variables.some((v) => v.name === name); i++) name = `${base}_${i}`;
  variables.push({ name, obtain: HOW_TO_OBTAIN[base] ?? HOW_TO_OBTAIN.SECRET!, seen });
  return name;
}

/** The name of what carried the secret: a JSON field, a query or form parameter, or a header. */
function secretName(before: string): string {
  // "field":"…", "field":…, "field":["…"]; ?name=… or &name=… (a URL or a form body).
  const field = /"([A-Za-z_][A-Za-z0-9_]*)"\s*:\s*\[?\s*"?$/.exec(before) ?? /[?&']([A-Za-z_][A-Za-z0-9_]*)=$/.exec(before);
  if (field) return normalName(field[1]!);
  const header = /'([A-Za-z0-9-]+):\s*(?:[A-Za-z]+\s+)?$/.exec(before);
  if (header) return HEADER_NAMES[header[1]!.toLowerCase()] ?? "SECRET";
  return "SECRET";
}

function normalName(field: string): string {
  const name = field.toUpperCase();
  if (name === "TOKEN" || name === "KEY") return "CLAIM_ATTEMPT_TOKEN";
  if (name === "CREDENTIAL" || name === "ACCESS_TOKEN") return "API_KEY";
  return name in HOW_TO_OBTAIN ? name : "SECRET";
}

const HEADER_NAMES: Record<string, string> = { authorization: "API_KEY", "x-api-key": "API_KEY", "proxy-authorization": "API_KEY", cookie: "COOKIE" };

/** Where a reader gets a value of their own for each kind of secret the target issues. */
const HOW_TO_OBTAIN: Record<string, string> = {
  API_KEY: "the credential (api_key / access_token) the target returned for a registration: register with the first request of this check's evidence and take it from the answer",
  CLAIM_TOKEN: "the claim_token the target returned in a registration answer",
  CLAIM_ATTEMPT_TOKEN: "the token in the claim link of the mail the target sent for the registration",
  CHALLENGE: "the one-time code from the claim mail the target sent",
  OTP: "the one-time code from the claim mail the target sent",
  CODE: "the one-time code from the claim mail the target sent",
  REFRESH_TOKEN: "the refresh_token the target returned",
  ID_TOKEN: "an id_token from your identity provider",
  ASSERTION: "a token your identity provider issued for this service (the harness mints its own in clear)",
  LOGOUT_TOKEN: "a logout token your identity provider issued (the harness mints its own in clear)",
  COOKIE: "the session cookie the target set",
  CLIENT_SECRET: "the client secret the target issued",
  PASSWORD: "the password of the user",
  SECRET: "a secret the target issued earlier in this check (match its «redacted:…#fingerprint» in the evidence)",
};
