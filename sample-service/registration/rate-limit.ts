import type { IncomingMessage, ServerResponse } from "node:http";
import type { ServiceContext } from "../context.ts";
import { sendError } from "../http/respond.ts";

/**
 * The rate limit on anonymous registrations the services guide recommends ("Rate Limiting": per
 * IP, anonymous). The default service's limit is real but generous (the suite itself registers a
 * few hundred times a run) and announced with the IETF RateLimit-Policy / RateLimit headers.
 *   fault no-registration-rate-limit   no limit and no headers
 *   variant registration-bursts-429    5 per second, answered 429 rate_limited with Retry-After: 1,
 *                                      no headers (the harness must slow down, and RATE-01 find the 429)
 */
interface Window {
  startedAt: number;
  count: number;
}

const windows = new WeakMap<ServiceContext, Map<string, Window>>();

function policy(ctx: ServiceContext): { limit: number; windowMs: number; announce: boolean } | undefined {
  if (ctx.faults.has("no-registration-rate-limit")) return undefined;
  if (ctx.variants.has("registration-bursts-429")) return { limit: 5, windowMs: 1_000, announce: false };
  return { limit: 5_000, windowMs: 60_000, announce: true };
}

/** Count one anonymous registration; false once a 429 was sent (the caller stops). */
export function admitAnonymousRegistration(ctx: ServiceContext, req: IncomingMessage, res: ServerResponse): boolean {
  const p = policy(ctx);
  if (!p) return true;
  const byClient = windows.get(ctx) ?? new Map<string, Window>();
  windows.set(ctx, byClient);
  const client = req.socket.remoteAddress ?? "unknown";
  const now = ctx.now();
  let w = byClient.get(client);
  if (!w || now - w.startedAt >= p.windowMs) {
    w = { startedAt: now, count: 0 };
    byClient.set(client, w);
  }
  const resetSeconds = Math.max(1, Math.ceil((w.startedAt + p.windowMs - now) / 1000));
  if (w.count >= p.limit) {
    sendError(res, 429, "rate_limited", "too many anonymous registrations from this address; retry later", { "retry-after": String(resetSeconds) });
    return false;
  }
  w.count += 1;
  if (p.announce) {
    res.setHeader("ratelimit-policy", `"anonymous";q=${p.limit};w=${p.windowMs / 1000}`);
    res.setHeader("ratelimit", `"anonymous";r=${p.limit - w.count};t=${resetSeconds}`);
  }
  return true;
}
