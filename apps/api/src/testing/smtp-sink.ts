// A real SMTP server (smtp-server) for tests: every message delivered to it is parsed (mailparser)
// and kept, so that a test can wait for "the mail to X" and read its links.
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export interface SmtpSink {
  url: string;
  mails: ParsedMail[];
  /** Resolves with the first mail to `to` (and matching `subject`) not returned before. */
  waitFor(to: string, subject?: RegExp, timeoutMs?: number): Promise<ParsedMail>;
  /** All mails to `to` so far. */
  to(to: string): ParsedMail[];
  /**
   * From now until the returned release is called, messages are read but not accepted (no 250
   * reply), as from a slow server: a client that dies meanwhile has delivered nothing (its
   * message leaves `held` when its connection closes); on release the others are accepted.
   */
  hold(): () => void;
  /** Messages read and waiting for the release of a hold. */
  held: ParsedMail[];
  close(): Promise<void>;
}

export const recipients = (m: ParsedMail): string[] =>
  [m.to ?? []].flat().flatMap((a) => a.value.map((v) => (v.address ?? '').toLowerCase()));

export async function startSmtpSink(extra: Partial<SMTPServerOptions> = {}): Promise<SmtpSink> {
  const mails: ParsedMail[] = [];
  const taken = new Set<ParsedMail>();
  const held: ParsedMail[] = [];
  const heldBySession = new Map<string, ParsedMail>();
  let gate: Promise<void> | null = null;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, cb) {
      simpleParser(stream).then(
        async (m) => {
          if (gate) {
            held.push(m);
            heldBySession.set(session.id, m);
            await gate;
            if (!heldBySession.delete(session.id)) return cb(new Error('connection closed'));
            held.splice(held.indexOf(m), 1);
          }
          mails.push(m);
          cb();
        },
        (err: Error) => cb(err),
      );
    },
    onClose(session) {
      const m = heldBySession.get(session.id);
      if (!m) return;
      heldBySession.delete(session.id);
      held.splice(held.indexOf(m), 1);
    },
    ...extra,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;

  const match = (to: string, subject?: RegExp) => (m: ParsedMail) =>
    recipients(m).includes(to.toLowerCase()) && (!subject || subject.test(m.subject ?? ''));

  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    to: (to) => mails.filter(match(to)),
    held,
    hold() {
      let release!: () => void;
      gate = new Promise<void>((resolve) => (release = resolve));
      return () => {
        gate = null;
        release();
      };
    },
    async waitFor(to, subject, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = mails.find((m) => !taken.has(m) && match(to, subject)(m));
        if (found) {
          taken.add(found);
          return found;
        }
        if (Date.now() > deadline) throw new Error(`no mail to ${to} ${subject ?? ''} within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The token of the first `${path}?token=` link in a mail's text. */
export function linkToken(mail: ParsedMail, path: string): string {
  const m = new RegExp(`${path}\\?token=([A-Za-z0-9_-]+)`).exec(mail.text ?? '');
  if (!m) throw new Error(`no ${path} link in mail "${mail.subject}"`);
  return m[1];
}
