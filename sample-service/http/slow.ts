import type { ServiceContext } from "../context.ts";

/**
 * Variant slow-answers: a service behind a slow network or a cold database. Every discovery
 * document and every 10th other request waits 300–800 ms before it is handled: well within the
 * harness's request timeout (timeouts.requestMs, 10 s by default), yet slow enough to catch a
 * check that races the clock. Deterministic (a counter), so two runs see the same delays.
 */
const counters = new WeakMap<ServiceContext, { n: number }>();

export function slowAnswerDelayMs(ctx: ServiceContext, pathname: string): number {
  if (!ctx.variants.has("slow-answers")) return 0;
  const counter = counters.get(ctx) ?? { n: 0 };
  counters.set(ctx, counter);
  counter.n += 1;
  const discovery = pathname.startsWith("/.well-known/") || pathname.endsWith(".md");
  if (!discovery && counter.n % 10 !== 0) return 0;
  return 300 + ((counter.n * 137) % 501);
}
