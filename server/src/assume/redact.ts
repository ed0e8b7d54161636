/**
 * Keeping secrets out of text that leaves the process (errors, logs, output channels). Temporary
 * credentials are handed to the user only when they ask for export lines; everything else goes
 * through `redactSecrets` first.
 */

export const REDACTED = '[redacted]';

/** Names under which a secret travels in config files, env vars, headers and SDK objects. */
const SECRET_NAMES = [
  'aws_secret_access_key',
  'aws_session_token',
  'aws_security_token',
  'secretaccesskey',
  'secret_access_key',
  'sessiontoken',
  'session_token',
  'x-amz-security-token',
  'tokencode',
];

const NAMED_SECRET = new RegExp(`(${SECRET_NAMES.join('|')})("?\\s*[:=]\\s*"?)([^"\\s,;&}]+)`, 'gi');
/** A SigV4 signature or the Authorization header's tail. */
const SIGNATURE = /(Signature=)[0-9a-f]{64}/gi;

/**
 * Replaces every known secret value and anything that is named like a secret (`aws_secret_access_key
 * = …`, `"SessionToken": "…"`, `X-Amz-Security-Token: …`). Known values are replaced first, so a
 * secret that appears without its name (inside an SDK error message, say) is caught as well.
 */
export function redactSecrets(text: string, known: Iterable<string | undefined> = []): string {
  let out = text;
  for (const secret of known) {
    // Short strings are not credentials; replacing them would only garble the text.
    if (secret && secret.length >= 8) out = out.split(secret).join(REDACTED);
  }
  return out.replace(NAMED_SECRET, (_m, name: string, sep: string) => `${name}${sep}${REDACTED}`).replace(SIGNATURE, `$1${REDACTED}`);
}

/** An error's message, redacted: what may be shown to the user or logged. */
export function safeErrorMessage(error: unknown, known: Iterable<string | undefined> = []): string {
  const message = error instanceof Error ? error.message : String(error);
  return redactSecrets(message, known);
}
