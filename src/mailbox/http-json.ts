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
  const { text } = await getDocument(url, options, "application/json");
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new MailboxError("parse_error", `GET ${url} did not return JSON: ${describeError(error)}`, { cause: error });
  }
}

async function getDocument(url: string, options: JsonRequestOptions, accept: string): Promise<{ text: string; contentType: string }> {
  const got = await getOptionalDocument(url, options, accept, false);
  return got!;
}

/**
 * GET a document of any type (the http mailbox also reads HTML pages). Network failures and
 * non-2xx answers are `mailbox_unavailable`, except a 404 when `notFoundIsEmpty` (a page per
 * registration that does not exist yet): then undefined.
 */
export async function getOptionalDocument(
  url: string,
  options: JsonRequestOptions,
  accept: string,
  notFoundIsEmpty: boolean,
): Promise<{ text: string; contentType: string } | undefined> {
  let text: string;
  let status: number;
  let contentType = "";
  try {
    const response = await request(url, {
      method: "GET",
      headers: { accept, ...options.headers },
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      signal: AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)]),
    });
    status = response.statusCode;
    const header = response.headers["content-type"];
    contentType = (Array.isArray(header) ? header[0] : header) ?? "";
    text = await response.body.text();
  } catch (error) {
    throw new MailboxError("mailbox_unavailable", `GET ${url} failed: ${describeError(error)}`, { cause: error });
  }
  if (status === 404 && notFoundIsEmpty) return undefined;
  if (status < 200 || status > 299) {
    throw new MailboxError("mailbox_unavailable", `GET ${url} answered HTTP ${status}`);
  }
  return { text, contentType };
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === "string" ? `${error.message} (${code})` : error.message;
  }
  return String(error);
}
