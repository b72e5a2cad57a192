// autocannon 8 ships no types and @types/autocannon is not installed: the subset bench/run.ts uses.
declare module "autocannon" {
  interface AutocannonOptions {
    url: string;
    connections?: number;
    duration?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    /** Cycled in order; setupRequest rewrites each request just before it is sent. */
    requests?: { setupRequest?: (req: Record<string, unknown>) => Record<string, unknown> }[];
  }
  interface AutocannonResult {
    requests: { total: number; average: number };
    errors: number;
    non2xx: number;
  }
  function autocannon(options: AutocannonOptions): Promise<AutocannonResult>;
  export default autocannon;
}
