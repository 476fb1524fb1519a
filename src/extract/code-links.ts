/**
 * The file a code browser's link points at, as a triager writes it down: the path in the
 * repository, without host, revision or line anchors. Pure; input is a URL from report text
 * (untrusted), matched with anchored patterns, never fetched.
 */

/**
 * The path of a source file a code browser's link shows: GitHub, GitLab, Bitbucket or Codeberg
 * ("…/blob/3b310d5/vyper/codegen/core.py#L270"), Gitiles ("…googlesource.com/platform/system/nfc/+/a581069/src/nfc/tags/rw_t2t_ndef.cc#629")
 * and Code Search ("source.chromium.org/chromium/chromium/src/+/b4c8e13:third_party/…/iir_filter_node.cc;l=108"). Only
 * a file (a name with an extension); a folder's link stays a link.
 */
export function sourceFilePath(url: string): string | undefined {
  const m =
    /^https?:\/\/(?:www\.)?(?:github\.com|gitlab\.[\w.-]+|bitbucket\.org|codeberg\.org)\/[^/\s]+\/[^/\s]+\/(?:-\/)?(?:blob|src)\/[^/\s]+\/([^?#;\s]+)/i.exec(
      url,
    ) ??
    /^https?:\/\/[\w.-]+\.googlesource\.com\/[^+\s]+\/\+\/[^/\s]+\/([^?#;\s]+)/i.exec(url) ??
    /^https?:\/\/(?:source\.chromium\.org|cs\.android\.com|cs\.opensource\.google)\/[^+\s]+\/\+\/[^:\s]+:([^?#;\s]+)/i.exec(url);
  const path = m?.[1];
  return path && /\/?[^/]+\.[A-Za-z]\w{0,9}$/.test(path) ? decoded(path) : undefined;
}

/** A URL's path with its escapes undone; as written when they do not decode (hostile or broken input). */
function decoded(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
