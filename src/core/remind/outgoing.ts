/**
 * What a reminder needs sent, as the core composes it: HTTP posts to a robot's webhook and emails.
 * The hosts send them (Apps Script: UrlFetchApp/MailApp; Node: fetch); src/ports re-exports these
 * shapes for the sender port, since the core imports nothing outside itself.
 */

/** One HTTP POST a reminder needs (a webhook call), as the core composed it. */
export interface OutgoingRequest {
  url: string;
  /** JSON text of the body. */
  payload: string;
  contentType: 'application/json';
}

/** One email a reminder needs. */
export interface OutgoingMail {
  to: string;
  subject: string;
  body: string;
  htmlBody?: string;
}
