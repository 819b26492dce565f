import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { LOGGER } from '../logging/logger';

export interface OutgoingMail {
  from: { name: string; address: string };
  to: { name: string; address: string };
  replyTo?: string;
  subject: string;
  text: string;
  /** A calendar invite, sent as text/calendar with its METHOD so mail clients offer to accept it. */
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string };
}

/** 'sent': handed to the SMTP server. 'outbox': SMTP_URL is not set, so the app keeps and shows it instead. */
export type MailDelivery = 'sent' | 'outbox';

/** Mail through `SMTP_URL`; without one (the demo), nothing leaves the machine and callers keep the message. */
@Injectable()
export class MailService implements OnModuleDestroy {
  private readonly transport: Transporter | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig, @Inject(LOGGER) private readonly logger: Logger) {
    this.transport = config.smtpUrl ? nodemailer.createTransport(config.smtpUrl) : null;
  }

  async send(mail: OutgoingMail): Promise<MailDelivery> {
    if (!this.transport) return 'outbox';
    const calendar = mail.calendar;
    await this.transport.sendMail({
      from: mail.from,
      to: mail.to,
      replyTo: mail.replyTo,
      subject: mail.subject,
      text: mail.text,
      ...(calendar
        ? {
            icalEvent: { method: calendar.method, content: calendar.content },
            attachments: [{ filename: calendar.method === 'CANCEL' ? 'cancel.ics' : 'invite.ics', content: calendar.content, contentType: `application/ics; method=${calendar.method}` }],
          }
        : {}),
    });
    this.logger.info({ subject: mail.subject }, 'Mail sent');
    return 'sent';
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}
