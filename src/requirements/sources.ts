import type { SpecSource } from "./types.ts";

// Canonical links to the documents the catalogue cites. The v0.1 sources are pinned to the
// commit the profile was written against, so a citation keeps meaning what it meant.
const AUTHMD_V01 = "https://github.com/workos/auth.md/blob/0910d09";

export const src = {
  authMd: (section: string): SpecSource => ({
    spec: "AUTH.md (v0.1)",
    section,
    url: `${AUTHMD_V01}/AUTH.md`,
  }),
  servicesGuide: (section: string): SpecSource => ({
    spec: "agent-services/README.md (v0.1)",
    section,
    url: `${AUTHMD_V01}/agent-services/README.md`,
  }),
  providersGuide: (section: string): SpecSource => ({
    spec: "agent-providers/README.md (v0.1)",
    section,
    url: `${AUTHMD_V01}/agent-providers/README.md`,
  }),
  rfc: (num: number, section: string): SpecSource => ({
    spec: `RFC ${num}`,
    section,
    url: `https://www.rfc-editor.org/rfc/rfc${num}#section-${section.replace(/^§/, "")}`,
  }),
  idJag: (section: string): SpecSource => ({
    spec: "draft-ietf-oauth-identity-assertion-authz-grant",
    section,
    url: "https://datatracker.ietf.org/doc/draft-ietf-oauth-identity-assertion-authz-grant/",
  }),
  backChannelLogout: (section: string): SpecSource => ({
    spec: "OpenID Connect Back-Channel Logout 1.0",
    section,
    url: "https://openid.net/specs/openid-connect-backchannel-1_0.html",
  }),
  nist63b: (section: string): SpecSource => ({
    spec: "NIST SP 800-63B",
    section,
    url: "https://pages.nist.gov/800-63-4/sp800-63b.html",
  }),
  cimd: (section: string): SpecSource => ({
    spec: "draft-ietf-oauth-client-id-metadata-document",
    section,
    url: "https://datatracker.ietf.org/doc/draft-ietf-oauth-client-id-metadata-document/",
  }),
  oidcCore: (section: string): SpecSource => ({
    spec: "OpenID Connect Core 1.0",
    section,
    url: "https://openid.net/specs/openid-connect-core-1_0.html",
  }),
  scanner: (section: string): SpecSource => ({
    spec: "isitagentready authMd scanner criteria",
    section,
    url: "https://isitagentready.com/",
  }),
};

// v0.7 sources (see /work/shared/protocol/v0.7.md §0). A7 and the changelog are pinned to the
// workos/auth.md commit that released v0.7.0; the services guide and the runnable service code to
// timothybrush/auth.md b53c9ed (v0.6.0 plus the revocation fix), whose guide is identical to the
// v0.7 copy in the parts cited; c7 code paths to the v0.7 commit.
const AUTHMD_V07 = "https://github.com/workos/auth.md/blob/11fa014";
const AUTHMD_V06_FIX = "https://github.com/timothybrush/auth.md/blob/b53c9ed";

/** Commits named by v0.7.md; b53c9ed lives on the timothybrush fork, the others upstream. */
const commitUrl = (sha: string): string =>
  sha === "b53c9ed" ? `https://github.com/timothybrush/auth.md/commit/${sha}` : `https://github.com/workos/auth.md/commit/${sha}`;

export const srcV07 = {
  /** A7: AUTH.md at workos/auth.md 11fa014 (protocol v0.7.0). */
  authMd: (section: string): SpecSource => ({ spec: "AUTH.md (v0.7)", section, url: `${AUTHMD_V07}/AUTH.md` }),
  /** S6: agent-services/README.md at timothybrush/auth.md b53c9ed. */
  servicesGuide: (section: string): SpecSource => ({
    spec: "agent-services/README.md (v0.6+fix)",
    section,
    url: `${AUTHMD_V06_FIX}/agent-services/README.md`,
  }),
  /** CL: CHANGELOG.md at 11fa014, one version section. */
  changelog: (version: string, entry?: string): SpecSource => ({
    spec: "CHANGELOG.md (v0.7)",
    section: entry ? `${version} ${entry}` : version,
    url: `${AUTHMD_V07}/CHANGELOG.md`,
  }),
  /** c6: the reference service code at b53c9ed, path under agent-services/src/. */
  codeV06: (path: string, symbol?: string): SpecSource => ({
    spec: `reference service code (v0.6+fix) ${path}`,
    section: symbol ?? path,
    url: `${AUTHMD_V06_FIX}/agent-services/src/${path}`,
  }),
  /** c7: the reference service code at 11fa014, path under agent-services/src/. */
  codeV07: (path: string, symbol?: string): SpecSource => ({
    spec: `reference service code (v0.7) ${path}`,
    section: symbol ?? path,
    url: `${AUTHMD_V07}/agent-services/src/${path}`,
  }),
  /** A commit message of the protocol history. */
  commit: (sha: string, what: string): SpecSource => ({ spec: `commit ${sha}`, section: what, url: commitUrl(sha) }),
};
