import type { Exchange } from "../http/exchange.ts";
import type { HttpClient } from "../http/client.ts";
import type { Target } from "./target.ts";

export interface EntryDocuments {
  /** Does anything at the target look like auth.md (a Markdown manifest)? */
  authMd: boolean;
  /** What was asked and answered, in words. */
  summary: string;
  /** The PRM and manifest requests, as evidence. */
  exchanges: Exchange[];
}

/**
 * Asked only when discovery found no PRM: is there at least a Markdown manifest (then the
 * discovery checks have something to judge), or is this not an auth.md service at all (a plain
 * file server answering 404 or HTML)? Two GETs, their exchanges kept as the cause's evidence.
 */
export async function lookLikeAuthMd(http: HttpClient, target: Target): Promise<EntryDocuments> {
  const exchanges: Exchange[] = [];
  const logged = http.withLog(exchanges);
  const answer = async (url: string, accept: string) => {
    try {
      const res = await logged.get(url, { headers: { accept } });
      return { status: res.status, text: res.text, contentType: res.headers["content-type"] ?? "" };
    } catch (err) {
      return { status: 0, text: "", contentType: "", error: (err as Error).message };
    }
  };
  const prm = await answer(target.prmUrl, "application/json");
  const manifest = http.isAllowed(target.manifestUrl) ? await answer(target.manifestUrl, "text/markdown, text/plain;q=0.9, */*;q=0.1") : undefined;
  const isHtml = (text: string, type: string) => /html/i.test(type) || /^\s*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(text);
  const authMd = manifest !== undefined && manifest.status === 200 && manifest.text.trim().length > 0 && !isHtml(manifest.text, manifest.contentType);
  const describe = (what: string, url: string, a: { status: number; contentType: string; text: string; error?: string } | undefined) =>
    !a ? `${what} ${url} is outside the allowed origins` : a.error ? `${what} ${url}: ${a.error}` : `${what} ${url} answered ${a.status}${a.contentType ? ` (${a.contentType.split(";")[0]})` : ""}${a.status === 200 && isHtml(a.text, a.contentType) ? ", an HTML page" : ""}`;
  return {
    authMd,
    summary: `${describe("GET", target.prmUrl, prm)}; ${describe("GET", target.manifestUrl, manifest)}.`,
    exchanges,
  };
}
