/**
 * Windows absolute paths a report names as the flaw's place: the install folder and the binary an insecure-permissions
 * or unquoted-service-path advisory is about ("C:\Program Files (x86)\Microvirt\MEmu\MemuService.exe", quoted or
 * not). A folder's name may hold blanks when a backslash follows it; the last name may not, unless the path is quoted.
 * Not a prompt ("C:\>"), a drive's root, the system's own folders (C:\Windows, a user's profile, a temp folder) where
 * the reporter's tools and files live. Pure; the input is report text (untrusted), matched with bounded regexes.
 */

/** A path in double quotes, or one whose folders may hold blanks and whose last name holds none. */
const WINDOWS_PATH_RE =
  /"([A-Za-z]:\\[^"\n\\]{1,80}(?:\\[^"\n\\]{1,80}){0,15})\\?"|(?<![\w\\])([A-Za-z]:\\(?:[\w.()&'+,$~-]{1,80}(?: (?!BUILTIN\b|NT |Everyone\b|APPLICATION )[\w.()&'+,$~-]{1,80}){0,5}\\){0,15}[\w.()&'+,$~-]{1,80})/g;

/** Windows commands a reporter types at a prompt. */
const COMMAND = /^(?:icacls|cacls|net|sc|whoami|wmic|reg|powershell|cmd|dir|type|copy|move|echo|cd|tasklist|schtasks|runas)$/i;
/** The system's folders and the reporter's own: where their shell, tools and files are, not the product's place. */
const SYSTEM_PATH = /^[A-Za-z]:\\(?:windows|winnt|users|documents and settings|temp|tmp|perflogs|\$recycle\.bin)(?:\\|$)/i;

export function windowsPaths(text: string): Array<{ value: string; index: number }> {
  const out: Array<{ value: string; index: number }> = [];
  for (const m of text.matchAll(WINDOWS_PATH_RE)) {
    let value = (m[1] ?? m[2]!).replace(/[\\.,;:']+$/, '');
    // A closing bracket the last name did not open ("…\Dr.Fone\)").
    if (value.endsWith(')') && !/\([^\\)]*\)$/.test(value)) value = value.replace(/[)\\]+$/, '');
    if (value.length < 4 || SYSTEM_PATH.test(value)) continue;
    // A prompt without its ">" ("D:\icacls …", "C:\net user …"), or a one-name path cut at a blank ("D:\Guild Wars 2").
    if (!m[1] && /^[A-Za-z]:\\[^\\]+$/.test(value) && (COMMAND.test(value.slice(3)) || /^ [A-Z\d]/.test(text.slice(m.index + m[0].length)))) continue;
    out.push({ value, index: m.index + (m[1] ? 1 : 0) });
  }
  return out;
}
