import { StartOptions, TestLanguageClient } from './client';
import { TempWorkspace } from './workspace';

export interface ServerSuite {
  client: TestLanguageClient;
  ws: TempWorkspace;
}

/**
 * One server and one throw-away workspace for the enclosing `describe`: started before its tests,
 * shut down (shutdown + exit) and removed after them.
 */
export function useServer(options: (ws: TempWorkspace) => StartOptions = () => ({})): ServerSuite {
  const suite = {} as ServerSuite;
  before(async () => {
    suite.ws = new TempWorkspace();
    suite.client = await TestLanguageClient.start(options(suite.ws));
  });
  after(async () => {
    await suite.client?.shutdown();
    suite.ws?.dispose();
  });
  return suite;
}
