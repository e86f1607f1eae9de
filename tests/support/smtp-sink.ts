/**
 * A real SMTP server for tests (smtp-server, by nodemailer's authors): it accepts every mail on
 * 127.0.0.1, parses it with mailparser and keeps it in memory. Plain SMTP without STARTTLS, any
 * or no credentials accepted, so the app's SMTP_URL can point at it unchanged.
 */
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer, type SMTPServerSession } from "smtp-server";

export type Mail = {
  /** Envelope recipients (what the server was asked to deliver to), as sent. */
  to: string[];
  /** The From header, e.g. `Kundenportal <no-reply@localhost>`. */
  from: string;
  subject: string;
  text: string;
  html: string;
  /** When the sink received it: the Date header has only whole seconds, too coarse for `since`. */
  date: Date;
};

export type SmtpSink = {
  port: number;
  url: string;
  /** Every mail received so far, oldest first. */
  messages(): Mail[];
  /** The first mail, received or still to come, that matches; rejects after `timeoutMs`. */
  waitForMail(predicate: (mail: Mail) => boolean, timeoutMs?: number): Promise<Mail>;
  clear(): void;
  stop(): Promise<void>;
};

function toMail(parsed: ParsedMail, session: SMTPServerSession): Mail {
  return {
    to: session.envelope.rcptTo.map((r) => r.address),
    from: parsed.from?.text ?? (session.envelope.mailFrom ? session.envelope.mailFrom.address : ""),
    subject: parsed.subject ?? "",
    text: parsed.text ?? "",
    html: parsed.html === false ? "" : (parsed.html ?? ""),
    date: new Date(),
  };
}

export async function startSmtpSink(opts: { port?: number } = {}): Promise<SmtpSink> {
  const received: Mail[] = [];
  const waiters = new Set<() => void>();
  let isListening = false;

  const server = new SMTPServer({
    name: "smtp-sink.localhost",
    banner: "test sink",
    logger: false,
    // Plain text on loopback: no certificates to manage, and the app's transport must not try TLS.
    secure: false,
    disabledCommands: ["STARTTLS"],
    hideSTARTTLS: true,
    // No reverse DNS for 127.0.0.1: nothing to learn, and it stalls on machines without a resolver.
    disableReverseLookup: true,
    authOptional: true,
    allowInsecureAuth: true,
    size: 10 * 1024 * 1024,
    // Clients here QUIT after each mail; a short timeout keeps stop() quick if one does not.
    closeTimeout: 1_000,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username ?? "anonymous" });
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          received.push(toMail(parsed, session));
          for (const check of [...waiters]) check();
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.on("error", (error) => {
      // Before listening: the port is taken, the caller must know. After: a client hung up
      // mid-session, which the mail's own assertions will reveal if it matters.
      if (!isListening) reject(error);
    });
    server.listen(opts.port ?? 0, "127.0.0.1", () => {
      isListening = true;
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages: () => [...received],
    waitForMail(predicate, timeoutMs = 10_000) {
      return new Promise<Mail>((resolve, reject) => {
        const check = () => {
          const mail = received.find(predicate);
          if (!mail) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(mail);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          const seen = received.map((m) => `"${m.subject}" to ${m.to.join(", ")}`).join("; ") || "none";
          reject(new Error(`smtp-sink: no matching mail within ${timeoutMs} ms (received: ${seen})`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    clear: () => {
      received.length = 0;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
