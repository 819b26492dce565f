import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { onTeardown } from '../../../../testing/teardown';

export interface SmtpSink {
  url: string;
  messages: ParsedMail[];
  /** The calendar part of a message (the .ics the contact's calendar reads), unfolded. */
  calendarOf(message: ParsedMail): string;
  close(): Promise<void>;
}

/** A real SMTP server on a free port that keeps every message it receives, parsed, for tests to read. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          messages.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = onTeardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    calendarOf(message) {
      const part = message.attachments.find((attachment) => attachment.contentType.startsWith('text/calendar') || attachment.filename?.endsWith('.ics'));
      if (!part) throw new Error(`no calendar in "${message.subject}"`);
      return part.content.toString('utf8').replace(/\r\n /g, '');
    },
    close,
  };
}
