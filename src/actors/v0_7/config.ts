import { z } from "zod";

/**
 * The `userActor` section of the v0.7 configuration (v0.7.md §14): which adapter plays the user,
 * the accounts it signs in as, and the declared steps the `form` and `browser` adapters follow.
 * Exported for the v0.7 config schema; the v0.1 schema does not use it.
 */

const account = z
  .object({
    email: z.string().min(3),
    /** Only where the service's sign-in asks for one; prefer passwordEnv so the file holds no secret. */
    password: z.string().optional(),
    /** Name of an environment variable holding the password. */
    passwordEnv: z.string().min(1).optional(),
  })
  .strict();

/** A submit control: the button's name and value as the form would send them. */
const button = z.object({ name: z.string().min(1), value: z.string().default("") }).strict();

/** A regular expression source, matched case-insensitively against the page's visible text. */
const pattern = z.string().min(1).refine(
  (source) => {
    try {
      new RegExp(source, "i");
      return true;
    } catch {
      return false;
    }
  },
  { message: "must be a valid regular expression" },
);

export const signInStepSchema = z
  .object({
    /** A page to open first to sign in (path or absolute URL); default: the sign-in form verification_uri leads to. */
    url: z.string().min(1).optional(),
    /** Pick the form whose action ends with this; default: the form holding `accountField`. */
    formAction: z.string().min(1).optional(),
    /** Where the account's email goes. */
    accountField: z.string().min(1).default("email"),
    /** Where the password goes, when the service asks for one. */
    passwordField: z.string().min(1).optional(),
    /** Fixed values for other fields (hidden inputs are copied from the page anyway). */
    fields: z.record(z.string(), z.string()).default({}),
    /** What signals success: this cookie is set (default: `sessionCookie`), and/or this text shows. */
    successCookie: z.string().min(1).optional(),
    successText: pattern.optional(),
    /** Browser adapter: selectors overriding `[name="<field>"]` and the form's submit button. */
    accountSelector: z.string().min(1).optional(),
    passwordSelector: z.string().min(1).optional(),
    submitSelector: z.string().min(1).optional(),
  })
  .strict();

export const claimStepSchema = z
  .object({
    /** Pick the form whose action ends with this; default: the form holding the code field. */
    formAction: z.string().min(1).optional(),
    /** The code field's name; default: the one input with `pattern` or `autocomplete=one-time-code`. */
    codeField: z.string().min(1).optional(),
    /** The confirm control; default: the form's first named submit button that is not a refusal. */
    approve: button.optional(),
    /** The refusal control; default: a submit button whose value or label says deny/refuse/reject/decline/cancel. */
    deny: button.optional(),
    /**
     * For a wrong-account ceremony, also POST the form action without the page (PAGE-04: the
     * same-account check must hold on submit too). Needs `formAction` and a code field name; the
     * claim page URL's query parameters are sent as the hidden fields.
     */
    directSubmitOnRefusal: z.boolean().default(true),
    /** Browser adapter: selectors overriding the defaults. */
    codeSelector: z.string().min(1).optional(),
    approveSelector: z.string().min(1).optional(),
    denySelector: z.string().min(1).optional(),
  })
  .strict();

/** For services that answer 200 to everything: the text that tells each verdict. */
export const outcomeTextSchema = z
  .object({
    confirmed: pattern.optional(),
    refused: pattern.optional(),
    invalidLink: pattern.optional(),
    expired: pattern.optional(),
  })
  .strict();

export const userActorConfigSchema = z
  .object({
    adapter: z.enum(["form", "browser", "command", "manual"]).default("form"),
    accounts: z
      .object({
        /** The account the ceremony is for: the one that should confirm. */
        confirm: account,
        /** Another account the service knows, for the wrong-account checks. */
        other: account,
      })
      .strict(),
    /** The session cookie's name (sample service `sid`, the reference `connect.sid`). */
    sessionCookie: z.string().min(1).optional(),
    signIn: signInStepSchema.prefault({}),
    claim: claimStepSchema.prefault({}),
    text: outcomeTextSchema.prefault({}),
    /** How to end the session; without it signOut() only forgets the cookies. */
    signOut: z
      .object({ url: z.string().min(1), method: z.enum(["GET", "POST"]).default("POST") })
      .strict()
      .optional(),
    /** Origins besides the verification_uri's that the user may be redirected to (an external sign-in). */
    allowedOrigins: z.array(z.string().url()).default([]),
    /** Redirects followed per step. */
    maxRedirects: z.number().int().positive().max(20).default(10),
    /** Per request (form) or per navigation (browser). */
    requestTimeoutMs: z.number().int().positive().default(15_000),
    browser: z
      .object({
        /** Debian's Chromium; nothing is downloaded. */
        executablePath: z.string().min(1).default("/usr/bin/chromium"),
        /** Where screenshots go; default `<out>/user-actor`. */
        screenshotDir: z.string().min(1).optional(),
      })
      .strict()
      .prefault({}),
    command: z
      .object({
        /** The program and its arguments; it reads the request as JSON on stdin and answers JSON on stdout. */
        argv: z.array(z.string().min(1)).min(1),
        timeoutMs: z.number().int().positive().max(3_600_000).default(120_000),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((config, ctx) => {
    if (config.adapter === "command" && config.command === undefined) {
      ctx.addIssue({ code: "custom", path: ["command"], message: "adapter command needs command.argv" });
    }
  });

export type UserActorConfigInput = z.input<typeof userActorConfigSchema>;
export type UserActorConfig = z.output<typeof userActorConfigSchema>;
export type SignInStep = z.output<typeof signInStepSchema>;
export type ClaimStep = z.output<typeof claimStepSchema>;
export type OutcomeText = z.output<typeof outcomeTextSchema>;
