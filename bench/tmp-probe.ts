import fc from "fast-check";
import { bodyCaseArbitrary } from "../src/fuzz/bodies.ts";
for (const opts of [{ interruptAfterTimeLimit: 2000 }, {}]) {
  let n = 0;
  const t = performance.now();
  await fc.check(fc.asyncProperty(bodyCaseArbitrary(["complete"]), async () => { n++; return true; }), { seed: 1, numRuns: 2000, ...opts });
  console.log(JSON.stringify(opts), n, "runs in", Math.round(performance.now() - t), "ms");
}
let n = 0; const t = performance.now();
await fc.check(fc.asyncProperty(fc.integer(), async () => { n++; return true; }), { seed: 1, numRuns: 2000, interruptAfterTimeLimit: 2000 });
console.log("integer", n, Math.round(performance.now() - t));
