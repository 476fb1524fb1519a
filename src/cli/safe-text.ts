/**
 * Report text made safe for the operator's terminal: control characters other than
 * newline and tab, and bidirectional overrides, become U+FFFD, so a hostile report
 * cannot move the cursor, recolour or reorder what the operator reads. Pure.
 */
export function safeText(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '�');
}
