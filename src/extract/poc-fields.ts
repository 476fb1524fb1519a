/**
 * The proof of concept a report gives: a "PoC:" line, else its code blocks (not the product's
 * own code it quotes, not a stack trace, not a box of plain sentences) and attached files,
 * else the commands typed at a prompt, a payload on a line of its own or quoted in a step,
 * else the sentence that attaches a recording; and a PoC section's text (pocSection). Pure; the input is report text (untrusted),
 * scanned with line- and sentence-bounded patterns.
 */
import { type codeBlocks, stripFences } from './blocks.js';
import { type Builder, set, span } from './builder.js';
import { endWithBody, essentialRequest, opensRequest } from './http-request.js';
import { fenceMark } from './fence.js';
import { hasPayloadSign, payloadLine, quotedPayload, STEP_LINE, WORKFLOW_EXPRESSION } from './payload.js';
import { firstMatching, type Piece } from './prose.js';
import { REPL_PROMPT, STACK_FRAME, USER_PROMPT } from './shell.js';
import { isTemplatePlaceholder } from './template-placeholder.js';
import type { ExtractInput, Span } from './types.js';

// Every attachment is proof-of-concept material (scripts, captures, archives, sample files)
// except the keys, signatures and cards that mail clients add on their own.
const NOT_POC_ATTACHMENT = /\.(?:asc|sig|gpg|pgp|p7s|vcf)$|^(?:signature|publickey|public[-_]key|key|0x[0-9a-f]+)\b/i;

/** A short section that only sends the reader elsewhere (a blog post, a report behind a link): no code, request, payload or attached file of its own. */
export function isPointer(text: string): boolean {
  // "See above.", "See the details section", "Shown above": the PoC is elsewhere in the report; so is one that is only
  // HackerOne's attachment marks ("{F2106781}": a video or a file, not in the text).
  if (/^\s*(?:\{F\d{1,12}\}\s*)+$/.test(text)) return true;
  if (
    /^\W*(?:see|shown|as (?:shown|described)|refer to)\s+(?:the\s+)?(?:above|below|details?|description|previous|next|steps)\b[^\n]{0,40}$/i.test(text.trim())
  )
    return true;
  return (
    text.length < 400 &&
    /https?:\/\/|\b(?:blog|write-?up|report|article|post)\b/i.test(text) &&
    !/\battach|\b[\w-]+\.(?:zip|py|txt|png|jpe?g|gif|ics|xml|html?|js|json|pcap|mp4|mov|pdf|sh|c|rb|go|php|eml)\b/i.test(text) &&
    !/```|^\s{4}\S|\b(?:GET|POST|PUT|DELETE|PATCH)\s+\/|[<>{}$=;]|\bcurl\b/m.test(text) &&
    /\b(?:check(?: out)?|see|refer to|for more (?:info(?:rmation)?|details)|(?:is |are )?(?:available|described|detailed) (?:at|in|on)|(?:in|on) my (?:blog|report|write-?up))\b/i.test(
      text,
    )
  );
}

/** Proof of concept: a "PoC:" line, else the code blocks and attached files. */
export function poc(b: Builder, input: ExtractInput, code: ReturnType<typeof codeBlocks>, prose: Piece[]): void {
  const text = b.text;
  // A PoC section of words alone ("The following URL have been confirmed …", "the curl command below allows …")
  // speaks of the exploit; code or a payload found below is the exploit itself, and the words stay only without one.
  const words = b.fields.poc && onlyWords(b.fields.poc.value) ? b.fields.poc : undefined;
  if (words) delete b.fields.poc;
  if (!b.fields.poc) {
    // The value on its line or the next; not a fence ("… in the following Python PoC:" then "/-----" opens a
    // block, which the code blocks below read whole).
    // Nor HackerOne's attachment mark alone ("Video POC:" / "{F2106781}"): the PoC is a file, not in the text; nor a
    // list's first item ("PoC:" over "1. Log in as an editor."): a list under it is the steps.
    const m =
      /\b(?:poc|proof[\s-]of[\s-]concept|payload|exploit)[ \t]*:\s*(?!```|~~~|\/-{3,}|={3,}|-{3,}|\{F\d{1,12}\}[ \t]*(?:\n|$)|\d{1,2}[.)][ \t]|[-*•][ \t])(\S[^\n]{4,})/i.exec(
        text,
      );
    if (m) set(b, 'poc', m[1]!.trim(), [span(m.index + m[0].length - m[1]!.length, m.index + m[0].length)]);
  }
  const pocAttachments = (input.attachments ?? []).map((a) => a.filename ?? '').filter((n) => n && !NOT_POC_ATTACHMENT.test(n));
  // Code quoted from the product and a checker's stack trace show the bug, they do not trigger it.
  const shown = code.filter((c) => {
    const body = stripFences(c.text);
    return (
      !quotesTheProduct(text, c.start) &&
      !isStackTrace(c.text) &&
      !isProseBlock(body) &&
      !isTemplatePlaceholder(body) &&
      !isProductSource(body) &&
      !isWorkflow(body) &&
      !isVersionBlock(body) &&
      // A block of braces alone (the end of a quoted function, cut from it by a blank line).
      /[\p{L}\p{N}]/u.test(body)
    );
  });
  if (!b.fields.poc && (shown.length || pocAttachments.length)) {
    // A captured request as a triager copies it, without the browser's boilerplate headers.
    const value = [...shown.map((c) => essentialRequest(stripFences(c.text).trim())), ...pocAttachments.map((n) => `[attachment ${n}]`)].join('\n\n');
    set(b, 'poc', value, [...shown.map((c) => span(c.start, c.end)), ...pocAttachments.map((n) => ({ attachment: n }))]);
  } else if (b.fields.poc && pocAttachments.length) {
    b.fields.poc.sources.push(...pocAttachments.map((n) => ({ attachment: n })));
  }
  // Else the commands typed at a shell prompt before the crash ("john@fuzzing:~/out$ catdoc id:000001,…"), or
  // at an interpreter's with its prompt, which says the language ("irb(main):009:0> text = '<pre>   </pre'").
  if (!b.fields.poc) {
    const typed = [...text.matchAll(TYPED_COMMAND), ...text.matchAll(TYPED_AT_INTERPRETER)].sort((x, y) => x.index - y.index).slice(0, 5);
    if (typed.length)
      set(
        b,
        'poc',
        typed.map((m) => m[1]!.trim()).join('\n'),
        typed.map((m) => span(m.index + m[0].length - m[1]!.length, m.index + m[0].length)),
      );
  }
  // Else a line that carries the payload on its own ("http://host/go.php?url=test.php%00http://x/").
  if (!b.fields.poc) {
    const p = payloadLine(text) ?? quotedPayload(text);
    if (p) set(b, 'poc', p.value, [span(p.start, p.end)]);
  }
  // Else the lines a sentence hands over as the exploit ("Below is a simple SQL Injection exploit, which …:"
  // then a URL wrapped over four lines, too long for a payload line of its own).
  if (!b.fields.poc) {
    const p = introducedPayload(text);
    if (p) set(b, 'poc', p.value, [span(p.start, p.end)]);
  }
  // Else the link the report gives as its exploit ("Exploit github repo: https://…", "[the PoC repo](https://…)").
  if (!b.fields.poc) {
    const p = linkedPoc(text);
    if (p) set(b, 'poc', p.value, [span(p.start, p.start + p.value.length)]);
  }
  // Nothing below but the section's own words again (its first line, read as a "PoC:" line), or only something else
  // (a set-up list, a configuration under Workarounds): the section stands. The exploit is right below the words, or
  // carries a payload, a request or a command.
  if (words && (!b.fields.poc || within(b.fields.poc.sources, words.sources) || !exploitFor(text, b.fields.poc, words))) b.fields.poc = words;
  // Else the sentence that hands over a recording of it ("I am attaching a poc which shows how to delete another user's item").
  if (!b.fields.poc) {
    const p = firstMatching(prose, [ATTACHED_POC]);
    if (p) set(b, 'poc', p.text, [span(p.start, p.end)]);
  }
  // A value that is only redaction marks ("████████"): the PoC is not in the text given.
  if (b.fields.poc && /^[\s█*]+$/.test(b.fields.poc.value)) delete b.fields.poc;
}

/** Characters between a PoC section's words and the code right below them that they introduce. */
const MAX_INTRO_GAP = 300;

/** Whether a value found below a PoC section of words is the exploit they speak of. */
function exploitFor(text: string, found: { value: string; sources: Span[] }, words: { sources: Span[] }): boolean {
  const end = Math.max(...words.sources.map((s) => ('end' in s ? s.end : 0)));
  const at = found.sources.find((s) => 'start' in s);
  // Right below, under no heading of its own ("### Environment" over a set-up block).
  const below =
    at !== undefined &&
    'start' in at &&
    at.start >= end &&
    at.start - end <= MAX_INTRO_GAP &&
    // (A heading that names the code itself, "### exploit.py", "### PoC script", is the code's own.)
    !/^[ \t]*#{1,6}[ \t](?![^\n]{0,60}(?:\.\w{1,4}\b|\b(?:exploit|poc|script|code|payload|request)\b))|^[ \t]*\*\*[^*\n]{1,60}\*\*[ \t]*:?[ \t]*$/m.test(
      text.slice(end, at.start),
    );
  return (
    below ||
    hasPayloadSign(found.value) ||
    /^[ \t]*(?:(?:GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS) \S|(?:curl|wget|nc|python3?|perl|ruby|php)[ \t])/im.test(found.value)
  );
}

/** Whether the text spans `inner` lies within those of `outer`. */
function within(inner: Span[], outer: Span[]): boolean {
  return inner.every((i) => 'start' in i && outer.some((o) => 'start' in o && o.start <= i.start && i.end <= o.end));
}

/** Sentences and nothing else: no link, path, markup, code, command or payload, nor a word of the file attached ("attached as evilcrate-0.1.0.crate"). */
function onlyWords(value: string): boolean {
  return !/https?:\/\/|[<>{}$=;|`\\]|\/\w|%[0-9a-f]{2}|'\w*'|\battach/i.test(value) && !hasPayloadSign(value);
}

/**
 * A link the report labels as its exploit: a Markdown link whose words are only that ("[the PoC repo](…)",
 * "[exploit code](…)"), or a URL right after a label that is only that ("Exploit github repo: https://…",
 * "PoC: …" is read above). Not a picture, a reference (NVD's "[Exploit, Third Party Advisory](…)"), an
 * archive's or a tracker's page, nor a recording; not a link in a line that says there is no exploit or
 * only on request.
 */
const POC_LINK =
  /\[(?:the |my |a |our )?(?:poc|proof[\s-]of[\s-]concept|exploit)(?: (?:code|repo|repository|script|project|here))?\]\((https?:\/\/[^\s)]{1,300})\)|^[ \t>*-]*(?:poc|proof[\s-]of[\s-]concept|exploit)(?:[ \t]+(?:code|source|script|files?|repo|repository|github|gitlab|download|link|url)){0,3}[ \t]*:[ \t]*(https?:\/\/\S{1,300})/im;
const NOT_THE_EXPLOIT =
  /^https?:\/\/(?:www\.)?(?:exploit-db\.com|packetstormsecurity\.(?:com|org)|nvd\.nist\.gov|cve\.mitre\.org|(?:www\.)?cve\.org|rapid7\.com|first\.org|cisa\.gov|openwall\.com|i\.imgur\.com)\/|\.(?:png|jpe?g|gif|webp|svg)(?:[?#]|$)|\/(?:issues|pull|commit|security\/advisories)\/|#L\d/i;

function linkedPoc(text: string): { value: string; start: number } | undefined {
  const m = POC_LINK.exec(text);
  const url = m && (m[1] ?? m[2])?.replace(/[.,;:]+$/, '');
  if (!m || !url || NOT_THE_EXPLOIT.test(url) || VIDEO_LINK.test(url)) return undefined;
  // "No public exploit exists yet", "PoC available on request": the line says there is none to link.
  const line = text.slice(text.lastIndexOf('\n', m.index) + 1, m.index + m[0].length);
  if (/\b(?:no|not|without|on request|upon request|private)\b/i.test(line)) return undefined;
  return { value: url, start: m.index + m[0].indexOf(url) };
}

/** A sentence that attaches or links the PoC as a video or recording. */
const ATTACHED_POC =
  /\b(?:attach(?:ing|ed)?|here is|here's|uploaded|sharing)\b[^.\n]{0,40}?\b(?:poc|proof[- ]of[- ]concept|video|screen ?cast|screen recording|recording)\b/i;

/** The lines just before a code block say it is the product's own code ("Vulnerable source code:", "contains the following code at x.c, line 438:"). */
function quotesTheProduct(text: string, start: number): boolean {
  const intro = text
    .slice(Math.max(0, start - 300), start)
    .split('\n')
    .map((l) => l.trim())
    // Not the block's own marks: a fence, or the framed label around it ("-----code snippet-----").
    .filter((l) => l && !/^(?:```|~~~)|^-{3,}.*-{3,}$/.test(l))
    .slice(-2)
    .join(' ');
  return (
    (/\b(?:vulnerable|affected|relevant|following|problematic|offending) (?:source )?code\b|\bsource code\b|\bcode (?:snippet|excerpt)\b|\bsnippet\b|\bline[s]? \d+|\bcontains the following\b|\bthe (?:vulnerability|bug|issue|flaw) is in\b|\bvulnerable function\b/i.test(
      intro,
    ) ||
      // A source file with its lines or function ("rdpsnd-message.c [235-257]", "ssh.c:ndpi_search_ssh_tcp").
      /\b[\w./-]{1,200}\.(?:c|h|cc|cpp|cxx|hpp|java|go|rs|py|rb|php|js|ts|cs|kt|swift|scala)(?:[ \t]*\[\d{1,6}(?:-\d{1,6})?\]|:[A-Za-z_]\w{0,80}|:\d{1,6})/.test(
        intro,
      )) &&
    !/\b(?:poc|proof[\s-]of[\s-]concept|exploit|payload|reproduc\w*|run|send|request)\b/i.test(intro)
  );
}

/**
 * A line that declares or branches in a compiled language: a method or class head, an
 * annotation, a C-style condition, jump or return, a preprocessor line, a comment's edge,
 * a closing brace.
 */
const SOURCE_LINE =
  /^\s*(?:(?:public|private|protected|static|final|abstract|override|virtual|internal)\s+[\w<>[\], ]{1,120}[\s(]|@(?:Override|Inject|Autowired|Nullable|NonNull|Nonnull)\b|(?:class|interface|struct|enum)\s+\w+[^;\n]{0,200}$|(?:}\s*)?(?:if|else if|while|for|switch)\s*\(.{0,300}\)\s*\{?\s*$|(?:}\s*)?else\s*\{?\s*$|goto\s+\w+;|return\b[^;\n]{0,300};\s*$|#\s*(?:include|define|ifdef|ifndef|endif)\b|\/\*|\*\/|}\s*;?\s*$)/;
/** What a program written to attack has and the product's code does not: an entry point, a request, a shell. */
const ATTACK_PROGRAM = /\bmain\s*\(|__main__|^#!|\b(?:requests|urllib|axios|fetch|curl|wget|socket\.connect|HttpClient|XMLHttpRequest)\b|https?:\/\//m;

/**
 * A block of the product's own code, quoted to show where the flaw is (a validator class, the
 * C function that overflows) with no word of its own around it: most of its lines declare or
 * branch, and it carries no payload and nothing a program written to attack has. Such a
 * block shows the bug; it does not trigger it.
 */
function isProductSource(block: string): boolean {
  const lines = block.split('\n').filter((l) => l.trim());
  if (!lines.length) return false;
  const source = lines.filter((l) => SOURCE_LINE.test(l)).length;
  // A quoted function is often cut into short blocks by its blank lines ("    return;"): one such line in up to three is enough.
  return source >= (lines.length <= 3 ? 1 : 2) && source / lines.length >= 0.3 && !hasPayloadSign(block) && !ATTACK_PROGRAM.test(block);
}

/** Two of a GitHub Actions workflow's keys (its expression: WORKFLOW_EXPRESSION): the project's workflow, quoted. */
const WORKFLOW_KEY = /^[ \t]*(?:-[ \t]+)?(?:runs-on|uses|steps|jobs|on|if|run|with|permissions|pull_request_target|workflow_dispatch)[ \t]*:/gm;

/**
 * A block of the project's GitHub Actions workflow, quoted to show the injection ("run: |" with a
 * "${{ github.event.pull_request.title }}" in it): where the flaw is. The PoC is the title or comment
 * the attacker writes, which the report gives elsewhere.
 */
function isWorkflow(block: string): boolean {
  return WORKFLOW_EXPRESSION.test(block) || (block.match(WORKFLOW_KEY)?.length ?? 0) >= 2;
}

/** A command typed at a user's prompt, captured. */
const TYPED_COMMAND = new RegExp(`${USER_PROMPT.source}(\\S[^\\n]{2,300})$`, 'gm');
const TYPED_AT_INTERPRETER = new RegExp(`(?=${REPL_PROMPT.source})[ \\t]*(\\S[^\\n]{4,300})$`, 'gm');

/**
 * A fenced block that holds only words ("Summary:\n\nGravity is vulnerable to a Use-After-Free condition."):
 * a reporter's way of boxing their prose, not code to run. Words only on every line, and a line that
 * reads as a label or a sentence, so that a short command ("ls -la", "make") is still code.
 */
function isProseBlock(block: string): boolean {
  const lines = block
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return (
    lines.length > 0 &&
    block.length <= MAX_PROSE_BLOCK &&
    lines.every((l) => /^[A-Za-z][A-Za-z ,'-]*[.:!?]?$/.test(l)) &&
    lines.some((l) => /[.:!?]$/.test(l) || l.split(/\s+/).length >= 4)
  );
}
/**
 * A block of "Label version: value" lines and set-up lines, boxed as a template asks for its system information
 * ("MarkUs version: 1.5.0.DEV" / "Ruby version: 2.2.5" / "Rails version: 4.2.4"): what it ran on, not how to attack it.
 */
function isVersionBlock(block: string): boolean {
  const lines = block
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.length > 0 && lines.length <= 12 && lines.every((l) => VERSION_BLOCK_LINE.test(l)) && lines.some((l) => /\bversion[ \t]*:/i.test(l));
}
/** One line of such a block: a label of up to four words naming a version or a platform, a colon, a short value. */
const VERSION_BLOCK_LINE =
  /^(?:[-*+][ \t]+)?[A-Za-z][\w.+-]{0,40}(?:[ \t][\w.+()-]{1,40}){0,3}?[ \t]*\b(?:version|os|operating system|browser|platform|device|kernel|distro|distribution|environment|arch(?:itecture)?)[ \t]*:[ \t]*[^\s;{}<>$|`][^;{}<>$|`]{0,80}$/i;

/** Characters: a boxed paragraph or two; a longer block of words is a listing of some kind. */
const MAX_PROSE_BLOCK = 600;

/** A block of stack frames (AddressSanitizer, Valgrind, gdb): where it crashed, not how to make it crash. */
function isStackTrace(block: string): boolean {
  const lines = block.split('\n').filter((l) => l.trim());
  const frames = lines.filter((l) => STACK_FRAME.test(l)).length;
  return lines.length > 0 && frames / lines.length >= 0.5;
}

/** A line that hands over what follows as the exploit or payload, ending in a colon. */
const POC_INTRO = /^[^\n]{0,300}\b(?:exploit|poc|proof[\s-]of[\s-]concept|payload)\b[^\n]{0,300}:[ \t]*$/gim;
/** Lines: a payload wrapped over a few lines, not a page of text. */
const MAX_INTRODUCED_LINES = 12;
/** A recording's page ("youtube.com/watch?v=…", a shared drive's file): where the PoC is shown, not the exploit. */
const VIDEO_LINK = /\b(?:youtube\.com|youtu\.be|vimeo\.com|drive\.google\.com|loom\.com|streamable\.com|dropbox\.com)\b/i;
/** Introducing lines looked at: more are not a report's. */
const MAX_INTRODUCTIONS = 20;
/** Characters read below the line for that paragraph. */
const MAX_INTRODUCED_CHARS = 4000;

/**
 * The paragraph right below a line that introduces the exploit, when it carries a URL with a
 * query or a payload's signs: the exploit itself, which the line said was coming.
 */
function introducedPayload(text: string): { value: string; start: number; end: number } | undefined {
  let tried = 0;
  for (const m of text.matchAll(POC_INTRO)) {
    // A report introduces its exploit once or twice; hostile text may do it on every line.
    if (++tried > MAX_INTRODUCTIONS) break;
    const after = m.index + m[0].length;
    const body = /^\n(?:[ \t]*\n)*/.exec(text.slice(after));
    const start = after + (body?.[0].length ?? 0);
    // Bounded: a text of many such lines must not be split whole for each.
    const lines = text
      .slice(start, start + MAX_INTRODUCED_CHARS)
      .split('\n')
      .slice(0, MAX_INTRODUCED_LINES);
    const blank = lines.findIndex((l) => !l.trim());
    const para = blank < 0 ? lines : lines.slice(0, blank);
    const value = para.join('\n').trim();
    // The payload itself, not prose about it, a list of steps or a link to a video.
    const first = para[0]?.trim() ?? '';
    const itself = !/\s/.test(first) || (first.split(/\s+/).length <= 3 && !/^(?:\d{1,3}[.)]|[-*•])\s/.test(first));
    if (value && itself && !VIDEO_LINK.test(value) && (/\bhttps?:\/\/\S*\?\S*=/.test(value) || hasPayloadSign(value)))
      return { value, start, end: start + value.length };
  }
  return undefined;
}

/** A PoC section's text; a captured request in it with its body (below a blank line) and without the browser's headers. */
export function pocSection(b: Builder, v: { start: number; end: number; text: string }): void {
  // An advisory form's "PoC" filled with a list of things to do ("1. Log in as an administrator", "- Enable
  // authentication in another window") and no code or payload: the steps to reproduce (read with the report's other
  // lists of steps), not an exploit.
  if (isStepList(v.text)) return;
  const end = endWithBody(b.text, v.start, v.end);
  set(b, 'poc', essentialRequest(stripFences(b.text.slice(v.start, end).trim())), [span(v.start, end)]);
}

/** Items a list must have to be steps. */
const MIN_STEP_ITEMS = 2;

/**
 * A list that opens the section, of two items or more, with nothing that shows an exploit: no fenced or indented
 * code, markup, link, request, curl command or payload (a line between items, a remark, may stand).
 */
function isStepList(text: string): boolean {
  const lines = text.split('\n').filter((l) => l.trim());
  if (lines.filter((l) => STEP_LINE.test(l)).length < MIN_STEP_ITEMS || !STEP_LINE.test(lines[0] ?? '')) return false;
  const rows = lines.map((t) => ({ text: t }));
  const code = lines.some((l, i) => fenceMark(l, lines[i - 1]) !== null || /^(?: {4}|\t)\S/.test(l) || opensRequest(rows, i));
  return !code && !/<[a-z!/]|https?:\/\/|\bcurl\b/i.test(text) && !hasPayloadSign(text);
}
