// GET a JSON document with undici, bounded by a timeout; shared by the http and mailpit adapters.
import { request } from "undici";
import { MailboxError } from "./errors.ts";

export interface JsonRequestOptions {
  headers: Record<string, string>;
  timeoutMs: number;
  signal: AbortSignal;
}

/** Network failures and non-2xx answers are `mailbox_unavailable` (worth retrying); bad JSON is `parse_error`. */
export async function getJson(url: string, options: JsonRequestOptions): Promise<unknown> {
  let text: string;
  let status: number;
  try {
    const response = await request(url, {
      method: "GET",
      headers: { accept: "application/json", ...options.headers },
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      signal: AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)]),
    });
    status = response.statusCode;
    text = await response.body.text();
  } catch (error) {
    throw new MailboxError("mailbox_unavailable", `GET ${url} failed: ${describeError(error)}`, { cause: error });
  }
  if (status < 200 || status > 299) {
    throw new MailboxError("mailbox_unavailable", `GET ${url} answered HTTP ${status}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new MailboxError("parse_error", `GET ${url} did not return JSON: ${describeError(error)}`, { cause: error });
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === "string" ? `${error.message} (${code})` : error.message;
  }
  return String(error);
}
