/**
 * The part of an emailed reply a person wrote: the quoted original ("On … wrote:",
 * "El … escribió:", lines starting with ">", Outlook's "-----Original Message-----"
 * and "From: … Sent: …" blocks) and the signature ("-- ", "Sent from my iPhone") are
 * cut by email-reply-parser (crisp-oss, a port of willdurand/EmailReplyParser), then a
 * trailing sign-off ("Thanks,\nMaria", "Saludos,\nJuan") is cut here.
 *
 * Bounded: the parser's expressions can take time that grows with the square of a long
 * line, so only the first REPLY_SCAN_CHARS characters are read (a reply sits at the top;
 * what lies beyond is quoted history) and no line longer than REPLY_LINE_CHARS is handed
 * to it whole.
 */
import EmailReplyParser from 'email-reply-parser';

/** How much of an email's text is searched for the reply. */
export const REPLY_SCAN_CHARS = 16_384;
/** Longer lines are wrapped before parsing (no quote header is this long). */
export const REPLY_LINE_CHARS = 998;

/** A line that closes a message politely, alone on its line ("Thanks," "Best regards" "Saludos"). */
const SIGN_OFF = new RegExp(
  '^(thanks( so much| a lot| again)?|thank you( so much| again)?|many thanks|thx|cheers|best|all the best|best wishes' +
    '|(best|kind|warm|warmest|many)? ?regards|sincerely( yours)?|yours( truly| sincerely)?|talk (soon|later)|take care' +
    '|gracias|muchas gracias|saludos( cordiales)?|un saludo|atentamente|cordialmente|abrazos?|besos|quedo atent[oa])[ ,.!]*$',
  'i',
);

/** Lines after a sign-off that read as a name or a title, not as more of the message. */
function looksLikeNameBlock(lines: string[]): boolean {
  return lines.length <= 4 && lines.every((l) => l.length <= 60 && !/[?]$/.test(l) && !/^(p\.?s\.?)\b/i.test(l));
}

function wrapLongLines(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      if (line.length <= REPLY_LINE_CHARS) return line;
      const parts: string[] = [];
      for (let i = 0; i < line.length; i += REPLY_LINE_CHARS) parts.push(line.slice(i, i + REPLY_LINE_CHARS));
      return parts.join('\n');
    })
    .join('\n');
}

/** Cuts a trailing sign-off and the name under it, when something else was written above it. */
export function stripSignOff(text: string): string {
  const lines = text.split('\n');
  let end = lines.length;
  while (end > 0 && lines[end - 1]!.trim() === '') end--;
  // The sign-off is at most 5 lines from the end (itself and a short name block under it).
  for (let i = end - 1; i >= Math.max(0, end - 5); i--) {
    if (!SIGN_OFF.test(lines[i]!.trim())) continue;
    const tail = lines.slice(i + 1, end).map((l) => l.trim()).filter((l) => l !== '');
    const before = lines.slice(0, i).join('\n').trim();
    if (before !== '' && looksLikeNameBlock(tail)) return before;
    break;
  }
  return lines.slice(0, end).join('\n');
}

/**
 * The reply a person wrote in an email's plain text: without the quoted original, the
 * signature and a trailing sign-off. Line ends become \n; the result is trimmed, and empty
 * when the person wrote nothing above the quote (a bare forward): the quoted original is
 * ours, never read as their words.
 */
export function replyText(text: string): string {
  const normalized = text.replace(/\r\n?/g, '\n').slice(0, REPLY_SCAN_CHARS);
  if (normalized.trim() === '') return '';
  let visible: string;
  try {
    visible = new EmailReplyParser().parseReply(wrapLongLines(normalized));
  } catch {
    visible = normalized;
  }
  return stripSignOff(visible.replace(/\r\n?/g, '\n')).trim();
}
