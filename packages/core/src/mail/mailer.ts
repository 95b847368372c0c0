// Outgoing mail with nodemailer: SMTP in full mode (SMTP_URL), else .eml files under
// `<dataDir>/mail/` (embedded mode: open them with any mail client, or read the link in the text).
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { CoreConfig } from '../deps';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  readonly kind: 'smtp' | 'file';
  /** Sends (or writes) the message; resolves with its Message-ID. */
  send(mail: OutgoingMail): Promise<{ messageId: string; file?: string }>;
  close(): void;
}

export const DEFAULT_MAIL_FROM = 'MdSC MOOC <no-reply@mdsc.local>';

export function mailDir(dataDir: string): string {
  return path.join(dataDir, 'mail');
}

export function createMailer(config: Pick<CoreConfig, 'mail' | 'dataDir'>): Mailer {
  const from = config.mail?.from ?? DEFAULT_MAIL_FROM;
  const smtpUrl = config.mail?.smtpUrl;
  if (smtpUrl) {
    const transport = nodemailer.createTransport(smtpUrl, { from });
    return {
      kind: 'smtp',
      async send(mail) {
        const info = await transport.sendMail({ from, ...mail });
        return { messageId: info.messageId };
      },
      close: () => transport.close(),
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const dir = mailDir(config.dataDir);
  return {
    kind: 'file',
    async send(mail) {
      const info = await transport.sendMail({ from, ...mail });
      await mkdir(dir, { recursive: true });
      // Sortable by time; no address in the name (these files may end up in bug reports).
      const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.eml`);
      await writeFile(file, info.message as Buffer);
      return { messageId: info.messageId, file };
    },
    close: () => transport.close(),
  };
}
