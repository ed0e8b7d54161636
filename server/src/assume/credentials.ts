import { inspect } from 'util';
import { REDACTED } from './redact';

/**
 * Temporary credentials from AssumeRole, kept in memory. The secret parts are private fields:
 * JSON.stringify, console.log and util.inspect of this object show no secret, so a stray log line
 * cannot leak them. They come out only through `exportLines`/`environment`, when the user asks.
 */
export class SessionCredentials {
  readonly #secretAccessKey: string;
  readonly #sessionToken: string;

  constructor(
    readonly accessKeyId: string,
    secretAccessKey: string,
    sessionToken: string,
    readonly expiration: Date,
  ) {
    this.#secretAccessKey = secretAccessKey;
    this.#sessionToken = sessionToken;
  }

  /** For an SDK client's `credentials` option. */
  sdkCredentials(): { accessKeyId: string; secretAccessKey: string; sessionToken: string; expiration: Date } {
    return { accessKeyId: this.accessKeyId, secretAccessKey: this.#secretAccessKey, sessionToken: this.#sessionToken, expiration: this.expiration };
  }

  /** Variables for a child process or terminal. */
  environment(): Record<string, string> {
    return {
      AWS_ACCESS_KEY_ID: this.accessKeyId,
      AWS_SECRET_ACCESS_KEY: this.#secretAccessKey,
      AWS_SESSION_TOKEN: this.#sessionToken,
      AWS_CREDENTIAL_EXPIRATION: this.expiration.toISOString(),
    };
  }

  /** `export NAME='value'` lines for POSIX shells, or `$env:NAME = '...'` for PowerShell. */
  exportLines(shell: 'posix' | 'powershell' = 'posix'): string[] {
    const quote = (v: string) => `'${v.replace(/'/g, shell === 'posix' ? `'\\''` : `''`)}'`;
    return Object.entries(this.environment()).map(([k, v]) => (shell === 'posix' ? `export ${k}=${quote(v)}` : `$env:${k} = ${quote(v)}`));
  }

  /** The values that must never appear in output the user did not ask for. */
  secrets(): string[] {
    return [this.#secretAccessKey, this.#sessionToken];
  }

  toJSON(): Record<string, string> {
    return { accessKeyId: this.accessKeyId, secretAccessKey: REDACTED, sessionToken: REDACTED, expiration: this.expiration.toISOString() };
  }

  [inspect.custom](): string {
    return `SessionCredentials ${JSON.stringify(this.toJSON())}`;
  }
}
