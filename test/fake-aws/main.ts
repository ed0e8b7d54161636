import * as path from 'path';
import { parseArgs } from 'util';
import { startFakeAws } from './server';

/**
 * Standalone fake STS/IAM endpoint, for suites that drive a real VS Code or the CLI from outside:
 *   node out/test/fake-aws/main.js [--fixture FILE] [--port N]
 * Prints the URL on the first line of stdout, then serves until SIGINT or SIGTERM.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { fixture: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' } },
  });
  const fixture = values.fixture ?? path.resolve(__dirname, '../../../test/fixtures/aws/accounts.json');
  const fake = await startFakeAws({ fixture, port: values.port ? Number(values.port) : 0, host: values.host });
  process.stdout.write(fake.url + '\n');
  const stop = () => void fake.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: Error) => {
  process.stderr.write(`fake-aws: ${e.message}\n`);
  process.exit(2);
});
