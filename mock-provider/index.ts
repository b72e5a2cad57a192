// The built-in mock agent provider (IdP) of the conformance harness.
export { KeySet, ProviderKey, SIGNING_ALGS, isSigningAlg } from "./keys.ts";
export type { SigningAlg } from "./keys.ts";
export { Minter, ID_JAG_TYP, LOGOUT_TYP, REVOKED_EVENT, randomSubject } from "./mint.ts";
export type { IdJagInput, LogoutInput, TokenOverrides, TokenParts } from "./mint.ts";
export { Forge, describeCase } from "./forge.ts";
export type { ErrorKey, ForgeCase, ForgeContext, ForgeDeps, ForgeExpectation, ForgeOutput, RequirementLevel, TokenKind } from "./forge.ts";
export { startMockProvider, PATHS, MAX_RECORDED_REQUESTS } from "./server.ts";
export type { MockProviderOptions, ProviderStats, RecordedRequest, RunningMockProvider } from "./server.ts";
export { MockProviderClient, ControlApiError } from "./client.ts";
export type { ControlInfo, RemoteForgeCase, RemoteForgeContext } from "./client.ts";
export { ForgeUnavailable, MockProviderError } from "./errors.ts";
export type { ForgeUnavailableCode, MockProviderErrorCode } from "./errors.ts";
