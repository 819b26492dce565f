import { startZoomSim, zoomEnvFor, type ZoomSim } from '../../../zoom-sim/testing/zoom-sim-process';
import { startTestApi, type TestApi } from './test-api';
import { connectZoom } from './zoom-oauth';

/** The demo's Jordan Lee: a contact whose number the simulator's calls come from. */
export const JORDAN_LEE = { firstName: 'Jordan', lastName: 'Lee', phones: ['+1 415 555 0187'] };

export interface ConnectedStack {
  sim: ZoomSim;
  api: TestApi;
  /** agent@demo.test's token: Zoom connected as agent@demo.test. */
  session: string;
  /** The contact created from `options.contact`, if one was given. */
  contactId: string;
  close(): Promise<void>;
}

export interface ConnectedStackOptions {
  env?: Record<string, string>;
  colleagues?: Array<{ email: string; role?: 'agent' | 'admin' }>;
  contact?: Record<string, unknown>;
  /** Scopes the agent's grant goes without (see connectZoom). */
  withoutScopes?: string[];
}

export type ZoomStack = Pick<ConnectedStack, 'sim' | 'api' | 'close'>;

/** The simulator and a real api it delivers its signed webhooks to, with no organisation yet. */
export async function startZoomStack(env: Record<string, string> = {}): Promise<ZoomStack> {
  const sim = await startZoomSim();
  const api = await startTestApi({ ...zoomEnvFor(sim), ...env });
  await sim.control('POST', '/_sim/config', { webhookUrl: `${api.url}/webhooks/zoom` });
  return {
    sim,
    api,
    async close() {
      await api.close();
      await sim.stop();
    },
  };
}

/**
 * What the Zoom suites start from: startZoomStack, the organisation "Demo Realty" with agent@demo.test (and
 * `colleagues`), the agent signed in with Zoom connected, and a contact.
 */
export async function startConnectedStack(options: ConnectedStackOptions = {}): Promise<ConnectedStack> {
  const { sim, api, close } = await startZoomStack(options.env);
  await api.createOrganisation('Demo Realty', [{ email: 'agent@demo.test' }, ...(options.colleagues ?? [])]);
  const session = await api.login('agent@demo.test');
  await connectZoom(api, session, 'agent@demo.test', { withoutScopes: options.withoutScopes });
  const created = options.contact
    ? await api.graphql<{ createContact: { id: string } }>('mutation($input: ContactInput!) { createContact(input: $input) { id } }', { input: options.contact }, session)
    : null;
  return {
    sim,
    api,
    session,
    contactId: created?.data?.createContact.id ?? '',
    close,
  };
}

/**
 * startConnectedStack for the enclosing describe: started before its tests, closed after them. Its fields are there
 * from its beforeAll on, so read them in hooks and tests, not while the describe is being defined.
 */
export function connectedStackForSuite(options: ConnectedStackOptions = {}): ConnectedStack {
  const suite = {} as ConnectedStack;
  beforeAll(async () => {
    Object.assign(suite, await startConnectedStack(options));
  });
  afterAll(() => suite.close?.());
  return suite;
}
