/**
 * Links into a code host's repositories (GitHub, GitLab, Codeberg) as a report gives them:
 * whose repository, what the link points at (an issue, a commit, a file at a ref), and
 * whether the repository is the reporter's write-up or exploit rather than the product.
 * One reader for the product (product.ts), the commit (prose.ts) and the places
 * (locations.ts). Pure; the input is report text (untrusted), matched with bounded
 * patterns only, never fetched.
 */

/** A repository that holds a write-up or exploit, not the product (the reporter's own). */
export const WRITEUP_REPO =
  /^(?:CVE-\d|GHSA-|poc|exploits?|0day|advisor(?:y|ies)|security|securitylab|huntr|bounty|writeups?|research|vulns?)|(?:[-_](?:poc|exploit|rce|cve|writeup))$/i;

/** A short or full commit id: 7 to 40 hex digits with a letter and a digit among them (not a date, not a word). */
export function isCommitId(s: string): boolean {
  return /^[0-9a-f]{7,40}$/i.test(s) && /[a-f]/i.test(s) && /\d/.test(s);
}

export interface RepoLink {
  index: number;
  /** The whole link as matched. */
  url: string;
  repo: string;
  /** What it points at: issues, pull, merge_requests, commit, blob, tree, raw, security/advisories. */
  kind: string;
  /** The ref after blob/tree/raw/commit (a branch, tag or commit id), if any. */
  ref?: string;
  /** The path after the ref, from its leading '/'. */
  path: string;
  writeUp: boolean;
}

// Bounded pieces: a hostile run of path characters is read once per link, not per position.
const LINK =
  /\bhttps?:\/\/(?:www\.)?(?:github\.com|gitlab\.com|codeberg\.org)\/[\w.-]{1,100}\/([\w.-]{1,100})\/(?:-\/)?(issues|pull|merge_requests|commit|blob|tree|raw|security\/advisories)\b(?:\/([\w.-]{1,100}))?((?:\/[^\s/?#)\]"'<>`]{1,200}){0,20})/gi;

export function repoLinks(text: string): RepoLink[] {
  const out: RepoLink[] = [];
  for (const m of text.matchAll(LINK)) {
    const repo = m[1]!.replace(/\.git$/, '');
    out.push({
      index: m.index,
      url: m[0],
      repo,
      kind: m[2]!.toLowerCase(),
      ...(m[3] ? { ref: m[3] } : {}),
      path: m[4] ?? '',
      writeUp: WRITEUP_REPO.test(repo),
    });
    if (out.length >= MAX_LINKS) break;
  }
  return out;
}

/** Links read per report: a triager follows a handful, a hostile mail may hold thousands. */
const MAX_LINKS = 200;

/**
 * The build folder a fuzzer's PoC repository files a crash under, named for the project at
 * a commit (".../ntu-sec/pocs/blob/master/mjs-8d847f2/crashes/…"): the project and the
 * short commit. Only inside a write-up or PoC repository: elsewhere "avatar-5f3e2a1b" is a name.
 */
export function buildAtCommit(text: string): { project: string; commit: string; index: number } | undefined {
  for (const l of repoLinks(text)) {
    if (!l.writeUp) continue;
    const m = /\/([A-Za-z][\w.]{1,40})-([0-9a-f]{7,12})\//.exec(l.path + '/');
    if (m && isCommitId(m[2]!)) return { project: m[1]!, commit: m[2]!, index: l.index + l.url.indexOf(m[0]) + 1 };
  }
  return undefined;
}
