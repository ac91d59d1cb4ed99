/**
 * Reads what the server sent to the SMTP sink: aiosmtpd's Mailbox handler
 * writes one file per mail into a maildir (new/ and cur/). Enough of RFC 5322
 * and MIME for the server's plain-text mails: unfolded headers, encoded-word
 * subjects, quoted-printable or base64 bodies.
 */
import fs from 'node:fs';
import path from 'node:path';
import { STATE_FILE, type StackState } from '../env';

export interface Mail {
  to: string;
  subject: string;
  body: string;
  file: string;
}

function maildir(): string {
  return (JSON.parse(fs.readFileSync(STATE_FILE, 'utf8')) as StackState).maildir;
}

function decodeQuotedPrintable(text: string): Buffer {
  const softBreaksRemoved = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < softBreaksRemoved.length; i++) {
    const c = softBreaksRemoved[i];
    const hex = softBreaksRemoved.slice(i + 1, i + 3);
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(c ?? '', 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

/** `=?utf-8?q?...?=` and `=?utf-8?b?...?=` words, as lettre writes non-ASCII headers. */
function decodeEncodedWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g, (_, _charset: string, encoding: string, text: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQuotedPrintable(text.replace(/_/g, ' ')).toString('utf8'),
    );
}

export function parseMail(raw: string, file = ''): Mail {
  const split = raw.search(/\r?\n\r?\n/);
  const head = split < 0 ? raw : raw.slice(0, split);
  const rawBody = split < 0 ? '' : raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const body =
    encoding === 'base64'
      ? Buffer.from(rawBody.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? decodeQuotedPrintable(rawBody).toString('utf8')
        : rawBody;
  return {
    to: decodeEncodedWords(headers.get('to') ?? ''),
    subject: decodeEncodedWords(headers.get('subject') ?? ''),
    body: body.replace(/\r\n/g, '\n'),
    file,
  };
}

export function readMails(): Mail[] {
  const root = maildir();
  const mails: Mail[] = [];
  for (const sub of ['new', 'cur']) {
    const dir = path.join(root, sub);
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir).sort()) {
      const file = path.join(dir, name);
      mails.push(parseMail(fs.readFileSync(file, 'utf8'), file));
    }
  }
  return mails;
}

/** Waits for a mail to `to` whose subject matches; the server's worker sends within about a second. */
export async function waitForMail(to: string, subject: string | RegExp, timeoutMs = 20_000): Promise<Mail> {
  const wanted = to.toLowerCase();
  const matches = (s: string) => (typeof subject === 'string' ? s === subject : subject.test(s));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = readMails().find((m) => m.to.toLowerCase().includes(wanted) && matches(m.subject));
    if (found) return found;
    if (Date.now() > deadline) {
      const seen = readMails().map((m) => `${m.to}: ${m.subject}`);
      throw new Error(`no mail "${String(subject)}" to ${to} within ${timeoutMs / 1000} s; seen: ${seen.join(' | ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The first link in the mail whose path is `pathname` (e.g. `/verify-email`), as a full URL. */
export function linkIn(mail: Mail, pathname: string): string {
  for (const word of mail.body.split(/\s+/)) {
    if (!/^https?:\/\//.test(word)) continue;
    const url = new URL(word.replace(/[>.,)]+$/, ''));
    if (url.pathname === pathname) return url.toString();
  }
  throw new Error(`no ${pathname} link in the mail "${mail.subject}":\n${mail.body}`);
}
