/**
 * Delivery of one e-mail: SMTP through nodemailer when SMTP_URL is set,
 * otherwise an .eml file under the data folder, so the local demo works
 * without a mail server. The outbox (app/models/outbox.server.ts) decides
 * what to send and when; this module only hands a message over.
 */
import path from "node:path";
import nodemailer from "nodemailer";
import type { Env } from "./env.server";
import { ensurePrivateDir, writePrivateFile } from "./private-files.server";

export interface OutgoingMail {
  id: number;
  to: string;
  subject: string;
  text: string;
}

/** Resolves when the message was handed over; rejects with the reason otherwise. */
export type MailSender = (mail: OutgoingMail) => Promise<void>;

export function smtpSender(smtpUrl: string, from: string): MailSender {
  const transport = nodemailer.createTransport(smtpUrl, { from });
  // A server that accepts the connection and then hangs must not stall the worker.
  Object.assign(transport.options, { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 });
  return async (mail) => {
    await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, messageId: messageId(mail, from) });
  };
}

export function fileSender(directory: string, from: string): MailSender {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return async (mail) => {
    const info = await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, messageId: messageId(mail, from) });
    ensurePrivateDir(directory);
    const file = path.join(directory, `${String(mail.id).padStart(6, "0")}-${mail.to.replace(/[^A-Za-z0-9@._-]/g, "_")}.eml`);
    writePrivateFile(file, info.message as Buffer);
    console.log(`E-mail til ${mail.to} gemt i ${file} (ingen SMTP_URL sat)`);
  };
}

/** A stable Message-ID per outbox row, so a retried message is recognisable as the same one. */
function messageId(mail: OutgoingMail, from: string): string {
  const domain = /@([^>\s]+)/.exec(from)?.[1] ?? "fasthold.example";
  return `<outbox-${mail.id}@${domain}>`;
}

export function senderFromEnv(env: Pick<Env, "smtpUrl" | "mailFrom" | "mailDirectory">): MailSender {
  return env.smtpUrl ? smtpSender(env.smtpUrl, env.mailFrom) : fileSender(env.mailDirectory, env.mailFrom);
}
