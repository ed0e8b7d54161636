import * as fs from 'fs';
import * as path from 'path';
import { assumeRoleFlow, AssumeInput, AssumeOutcome, humanDuration, Prompter, redactSecrets } from '../assume';
import { ConfigResolver } from './configs';
import { CliIO, EXIT_CLEAN, EXIT_PROBLEMS, UsageError } from './types';
import { parseCommandArgs } from './args';

/**
 * `iam-trust assume`: the "Assume this role" flow without prompts, for a pipeline to prove before
 * a deploy that the trust works. Missing inputs are usage errors naming the flag to pass. Exit
 * codes: 0 assumed, 1 not assumed (denied, credentials, network), 2 usage. Credentials are printed
 * only with --print-credentials; nothing else that is printed carries a secret.
 */

export const ASSUME_USAGE = `Usage: iam-trust assume <policy file> --role-arn ARN [options]

Checks the trust policy in the file against AWS: who you are, which statement lets you in (or why
none does), whether the deployed policy differs from the file, then sts:AssumeRole and
sts:GetCallerIdentity with the new credentials.

Options:
      --role-arn ARN          The role to assume (required unless the file names it)
      --profile NAME          AWS profile (~/.aws/config); default: the SDK's default chain
      --region NAME           AWS region; default: AWS_REGION, then the profile's region
      --external-id VALUE     sts:ExternalId to send ("" sends none)
      --duration SECONDS      Session duration, 900-43200 (default 3600)
      --session-name NAME     RoleSessionName (default iam-trust-<user>-<time>)
      --source-identity NAME  sts:SourceIdentity to set
      --mfa-serial ARN        MFA device, with --mfa-code, when the policy requires MFA
      --mfa-code CODE         The device's current 6-digit code
      --sts-endpoint URL      STS endpoint (https, or http on this machine); also AWS_ENDPOINT_URL_STS
      --iam-endpoint URL      IAM endpoint; also AWS_ENDPOINT_URL_IAM
      --timeout SECONDS       Time limit of each AWS call (default 15)
  -c, --config FILE           Configuration instead of the nearest .iam-trust.json
  -f, --format text|json      Output (default text); json never includes credentials
      --print-credentials     Also print the temporary credentials (export lines, or a
                              "credentials" member in json). They are secrets: handle with care.
  -h, --help                  Show this help

Exit codes: 0 the role was assumed, 1 it was not (denied, expired credentials, network),
2 the command could not run (bad option, missing input, unreadable file).

Example:
  iam-trust assume infra/deploy-trust.json --role-arn arn:aws:iam::123456789012:role/deploy --profile ci`;

const HINT = 'Run "iam-trust assume --help" for the options.';

interface AssumeOptions {
  file: string;
  format: 'text' | 'json';
  printCredentials: boolean;
  input: Omit<AssumeInput, 'text'>;
  profile?: string;
  region?: string;
  endpoints: { sts?: string; iam?: string };
  timeoutMs?: number;
  configFile?: string;
}

function wholeNumber(value: string | undefined, flag: string, example: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim())) throw new UsageError(`${flag} needs a whole number of seconds, not "${value}": for example ${flag} ${example}.`);
  return Number(value);
}

function parseAssumeArgs(args: string[]): AssumeOptions | 'help' {
  const { values: v, positionals } = parseCommandArgs(
    {
      args,
      allowPositionals: true,
      strict: true,
      options: {
        'role-arn': { type: 'string' },
        profile: { type: 'string' },
        region: { type: 'string' },
        'external-id': { type: 'string' },
        duration: { type: 'string' },
        'session-name': { type: 'string' },
        'source-identity': { type: 'string' },
        'mfa-serial': { type: 'string' },
        'mfa-code': { type: 'string' },
        'sts-endpoint': { type: 'string' },
        'iam-endpoint': { type: 'string' },
        timeout: { type: 'string' },
        config: { type: 'string', short: 'c' },
        format: { type: 'string', short: 'f' },
        'print-credentials': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    },
    HINT,
  );
  if (v.help) return 'help';
  if (positionals.length !== 1) {
    throw new UsageError(`${positionals.length ? 'Give one policy file' : 'Name the policy file to check'}, for example: iam-trust assume trust.json --role-arn arn:aws:iam::123456789012:role/NAME. ${HINT}`);
  }
  const format = v.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`Unknown format "${format}": use --format text or --format json.`);
  if ((v['mfa-serial'] === undefined) !== (v['mfa-code'] === undefined)) {
    throw new UsageError('--mfa-serial and --mfa-code go together: the device ARN and its current code.');
  }
  const timeout = wholeNumber(v.timeout, '--timeout', '30');
  return {
    file: positionals[0],
    format,
    printCredentials: v['print-credentials'] ?? false,
    profile: v.profile,
    region: v.region,
    endpoints: { sts: v['sts-endpoint'], iam: v['iam-endpoint'] },
    timeoutMs: timeout === undefined ? undefined : Math.max(1, timeout) * 1000,
    configFile: v.config,
    input: {
      roleArn: v['role-arn'],
      externalId: v['external-id'],
      durationSeconds: wholeNumber(v.duration, '--duration', '3600'),
      sessionName: v['session-name'],
      sourceIdentity: v['source-identity'],
      mfa: v['mfa-serial'] === undefined ? undefined : { serialNumber: v['mfa-serial'], tokenCode: v['mfa-code']! },
    },
  };
}

/** The CLI never prompts: each question becomes a usage error naming the flag that answers it. */
const flagPrompter: Prompter = {
  async pickRole() {
    throw new UsageError(`Pass the role to assume with --role-arn arn:aws:iam::ACCOUNT:role/NAME. ${HINT}`);
  },
  async enterRoleArn() {
    throw new UsageError(`Pass the role to assume with --role-arn arn:aws:iam::ACCOUNT:role/NAME. ${HINT}`);
  },
  async enterExternalId(r) {
    throw new UsageError(`${r.reason} Pass it with --external-id ${r.prefill ?? 'VALUE'} (or --external-id "" to send none).`);
  },
  async enterMfa(r) {
    throw new UsageError(`${r.reason} Pass --mfa-serial ${r.serialSuggestion ?? 'ARN'} and --mfa-code with the device's current code.`);
  },
  async confirm() {
    throw new UsageError('This command changes nothing and asks nothing; this is a bug, please report it.');
  },
};

function jsonReport(outcome: AssumeOutcome): Record<string, unknown> {
  const common = {
    roleArn: outcome.roleArn,
    caller: outcome.caller && { arn: outcome.caller.arn, account: outcome.caller.account },
    preflight: outcome.preflight && {
      verdict: outcome.preflight.verdict,
      statement: (outcome.preflight.allowedBy ?? outcome.preflight.deniedBy)?.index ?? null,
      summary: outcome.preflight.summary,
    },
    deployed: outcome.deployed,
    notes: outcome.notes,
  };
  if (outcome.kind === 'assumed') {
    return {
      result: 'assumed',
      ...common,
      assumedRoleArn: outcome.assumedRoleArn,
      account: outcome.account,
      sessionName: outcome.sessionName,
      durationSeconds: outcome.durationSeconds,
      expiration: outcome.expiration.toISOString(),
    };
  }
  return { result: outcome.kind, ...common, code: outcome.problem?.code, message: outcome.message, cause: outcome.cause };
}

function textReport(outcome: AssumeOutcome): string {
  const lines: string[] = [];
  if (outcome.kind === 'assumed') {
    const minutes = Math.round((outcome.expiration.getTime() - Date.now()) / 60000);
    lines.push(
      `Assumed ${outcome.roleArn}`,
      `  session:  ${outcome.assumedRoleArn}`,
      `  account:  ${outcome.account}`,
      `  expires:  ${outcome.expiration.toISOString()} (in ${humanDuration(Math.max(0, minutes) * 60)})`,
      `  caller:   ${outcome.caller.arn}`,
    );
  } else {
    lines.push(`Not assumed${outcome.roleArn ? `: ${outcome.roleArn}` : ''}`, ...outcome.message.split('\n').map((l) => `  ${l}`));
    if (outcome.caller) lines.push(`  caller:   ${outcome.caller.arn}`);
  }
  if (outcome.preflight) lines.push(`Preflight: ${outcome.preflight.summary}`);
  const d = outcome.deployed;
  if (d?.status === 'same') lines.push('Deployed trust policy: same as the file.');
  if (d?.status === 'different') lines.push('Deployed trust policy differs from the file (- deployed, + file):', ...d.diff!.split('\n').slice(2).map((l) => `  ${l}`));
  if (d?.status === 'unavailable') lines.push(`Deployed trust policy not compared: ${d.reason}`);
  for (const note of outcome.notes) lines.push(`Note: ${note}`);
  return lines.join('\n') + '\n';
}

export async function run(args: string[], io: CliIO): Promise<number> {
  const options = parseAssumeArgs(args);
  if (options === 'help') {
    io.stdout.write(ASSUME_USAGE + '\n');
    return EXIT_CLEAN;
  }
  const file = path.resolve(io.cwd, options.file);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`Cannot read ${options.file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}.`);
  }
  if (options.configFile !== undefined && !fs.existsSync(path.resolve(io.cwd, options.configFile))) {
    throw new UsageError(`The configuration file "${options.configFile}" given to --config does not exist.`);
  }
  const { config } = new ConfigResolver(options.configFile, io.cwd).forFile(file);

  const outcome = await assumeRoleFlow(
    { ...options.input, text, filePath: file, config },
    {
      connection: { profile: options.profile, region: options.region, endpoints: options.endpoints, timeoutMs: options.timeoutMs, env: io.env },
      prompter: flagPrompter,
    },
  );
  if (outcome.kind === 'invalid') throw new UsageError(outcome.message);

  // Everything printed goes through the redactor; the credentials are added after, if asked for.
  const secrets = outcome.kind === 'assumed' ? outcome.credentials.secrets() : [];
  const printed = outcome.kind === 'assumed' && options.printCredentials ? outcome.credentials : undefined;
  if (options.format === 'json') {
    const report = JSON.parse(redactSecrets(JSON.stringify(jsonReport(outcome)), secrets)) as Record<string, unknown>;
    if (printed) report.credentials = printed.sdkCredentials();
    io.stdout.write(JSON.stringify(report, null, 2) + '\n');
  } else {
    io.stdout.write(redactSecrets(textReport(outcome), secrets));
    if (printed) io.stdout.write(printed.exportLines().join('\n') + '\n');
  }
  return outcome.kind === 'assumed' ? EXIT_CLEAN : EXIT_PROBLEMS;
}
