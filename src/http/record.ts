import { EXCERPT_CHARS, type Exchange, curlCommand } from "./exchange.ts";
import { NOT_JSON, type Redactor } from "./redact.ts";

/**
 * An exchange as sent and received, before redaction. It holds secrets in clear, so it never
 * leaves the process: recordExchange turns it into the Exchange a report shows.
 */
export interface RawExchange extends Omit<Exchange, "curl" | "responseBody"> {
  /** The whole response body (an Exchange keeps a redacted excerpt). */
  responseText?: string;
  /** The response body parsed, when the client parsed it as JSON (saves learnSecrets a parse). */
  responseJson?: unknown;
}

/** The request half of an exchange as recorded (redacted; registers the secrets it holds). */
export function recordRequest(redactor: Redactor, raw: RawExchange): Exchange {
  const url = redactor.url(raw.url);
  const requestHeaders = redactor.headers(raw.requestHeaders);
  const requestBody = raw.requestBody === undefined ? undefined : recordBody(redactor, raw.requestBody, raw.requestHeaders["content-type"]);
  const { curl, variables } = curlCommand(raw.method, url, requestHeaders, requestBody);
  return {
    method: raw.method,
    url,
    requestHeaders,
    ...(requestBody !== undefined ? { requestBody } : {}),
    durationMs: 0,
    curl,
    ...(variables.length ? { curlVariables: variables } : {}),
  };
}

/** The answer half of an exchange as recorded, to merge into recordRequest's record. */
export function recordResponse(redactor: Redactor, raw: RawExchange): Partial<Exchange> {
  return {
    ...(raw.status !== undefined ? { status: raw.status } : {}),
    ...(raw.responseHeaders ? { responseHeaders: redactor.headers(raw.responseHeaders) } : {}),
    ...(raw.responseText !== undefined ? { responseBody: recordBody(redactor, raw.responseText, raw.responseHeaders?.["content-type"], raw.responseJson) } : {}),
    ...(raw.truncated !== undefined ? { truncated: raw.truncated } : {}),
    durationMs: raw.durationMs,
    ...(raw.error ? { error: raw.error } : {}),
  };
}

export function recordExchange(redactor: Redactor, raw: RawExchange): Exchange {
  return Object.assign(recordRequest(redactor, raw), recordResponse(redactor, raw));
}

/**
 * Register every secret recordExchange would register, without building the record: what a
 * deferred log pays per request, so a record built later still masks everything the run saw.
 */
export function learnSecrets(redactor: Redactor, raw: RawExchange): void {
  redactor.learnUrl(raw.url);
  redactor.learnHeaders(raw.requestHeaders);
  if (raw.requestBody !== undefined) redactor.learnBody(raw.requestBody, raw.requestHeaders["content-type"]);
  if (raw.responseHeaders) redactor.learnHeaders(raw.responseHeaders);
  if (raw.responseText !== undefined) redactor.learnBody(raw.responseText, raw.responseHeaders?.["content-type"], raw.responseJson);
}

/**
 * A body as the exchange records it: redacted, and cut to an excerpt. The secrets of the whole
 * body are learnt first, so the excerpt of a long JSON answer still masks its api_key; a cut is
 * masked as text (it is no JSON).
 */
function recordBody(redactor: Redactor, text: string, contentType: string | undefined, parsed: unknown = NOT_JSON): string {
  if (text.length <= EXCERPT_CHARS) return redactor.body(text, contentType, parsed);
  redactor.learnBody(text, contentType, parsed);
  return redactor.text(`${text.slice(0, EXCERPT_CHARS)}…`);
}
