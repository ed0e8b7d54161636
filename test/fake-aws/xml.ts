import { randomUUID } from 'crypto';

/** The awsQuery XML envelopes, exactly as aws-sts-iam-wire.md §0 describes them. */

export const NAMESPACES = {
  sts: 'https://sts.amazonaws.com/doc/2011-06-15/',
  iam: 'https://iam.amazonaws.com/doc/2010-05-08/',
} as const;

export type Service = keyof typeof NAMESPACES;

/** An error answer: HTTP status, wire code and message. `Type` follows the status (4xx Sender). */
export class AwsFault extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

/** A value tree to serialise: strings/numbers/booleans/dates become text, arrays become `<member>`s. */
export type XmlValue = string | number | boolean | Date | undefined | XmlValue[] | { [element: string]: XmlValue };

export function toXml(value: XmlValue): string {
  if (value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => `<member>${toXml(v)}</member>`).join('');
  if (typeof value === 'object') {
    return Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => {
        const inner = toXml(v);
        return inner === '' && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) ? `<${k}/>` : `<${k}>${inner}</${k}>`;
      })
      .join('');
  }
  return escapeXml(String(value));
}

export interface XmlAnswer {
  status: number;
  body: string;
  requestId: string;
}

/**
 * `<OpResponse xmlns=NS><OpResult>…</OpResult><ResponseMetadata>…`. `result` undefined means the
 * operation has no output (no Result element); `{}` means an empty output (`<OpResult/>`).
 */
export function success(service: Service, action: string, result: { [element: string]: XmlValue } | undefined): XmlAnswer {
  const requestId = randomUUID();
  const resultXml = result === undefined ? '' : toXml({ [`${action}Result`]: result });
  const body =
    `<${action}Response xmlns="${NAMESPACES[service]}">` +
    resultXml +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>` +
    `</${action}Response>`;
  return { status: 200, body, requestId };
}

export function failure(service: Service, fault: AwsFault): XmlAnswer {
  const requestId = randomUUID();
  const type = fault.status >= 500 ? 'Receiver' : 'Sender';
  const body =
    `<ErrorResponse xmlns="${NAMESPACES[service]}">` +
    `<Error><Type>${type}</Type><Code>${escapeXml(fault.code)}</Code><Message>${escapeXml(fault.message)}</Message></Error>` +
    `<RequestId>${requestId}</RequestId>` +
    `</ErrorResponse>`;
  return { status: fault.status, body, requestId };
}
