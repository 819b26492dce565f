import { type ConnectedStack, JORDAN_LEE, startConnectedStack } from './support/connected-stack';
import { eventually } from './support/eventually';

interface CallSync {
  status: string;
  finishedAt: string | null;
}

interface SimDelivery {
  event: string;
  status: string;
  missingScope?: string;
  body: { payload: { object: Record<string, any> } };
}

/** The call a delivery is about, wherever its event keeps the call id. */
const callIdOf = ({ body: { payload } }: SimDelivery) => payload.object.call_id ?? payload.object.call_logs?.[0]?.call_id ?? payload.object.call_elements?.[0]?.call_id;

describe('a grant without the call event scopes', () => {
  let stack: ConnectedStack;

  beforeAll(async () => {
    stack = await startConnectedStack({ contact: JORDAN_LEE, withoutScopes: ['phone:read:call', 'phone:read:call_log'] });
  });
  afterAll(() => stack?.close());

  const callSync = async () => (await stack.api.graphql<{ callSync: CallSync | null }>('{ callSync { status finishedAt } }', {}, stack.session)).data!.callSync;
  const callsOnContact = async () =>
    (await stack.api.graphql<{ activities: { edges: { node: { zoom: { callId: string } } }[] } }>('query($c: ID) { activities(contactId: $c, types: [CALL]) { edges { node { zoom { callId } } } } }', { c: stack.contactId }, stack.session)).data!.activities.edges.map(
      (edge) => edge.node.zoom.callId,
    );

  it('gets no call events from Zoom: the call reaches the timeline only through "Sync calls"', async () => {
    const connection = (await stack.api.graphql<{ zoomConnection: { scopes: string[] } }>('{ zoomConnection { scopes } }', {}, stack.session)).data!.zoomConnection;
    expect(connection.scopes).toContain('phone:read:list_call_logs');
    expect(connection.scopes).not.toContain('phone:read:call');
    expect(connection.scopes).not.toContain('phone:read:call_log');
    const firstSync = await eventually(callSync, (sync) => sync?.status === 'DONE', 30_000);

    const { callId } = await stack.sim.control<{ callId: string }>('POST', '/_sim/phone/calls', {
      userEmail: 'agent@demo.test',
      direction: 'inbound',
      counterpartNumber: '+14155550187',
      counterpartName: 'JORDAN LEE',
      outcome: 'answered',
      durationSeconds: 45,
    });
    const deliveries = (await stack.sim.control<SimDelivery[]>('GET', '/_sim/deliveries')).filter((delivery) => callIdOf(delivery) === callId);
    expect(deliveries.map(({ event, status, missingScope }) => ({ event, status, missingScope }))).toEqual([
      { event: 'phone.callee_ringing', status: 'withheld', missingScope: 'phone:read:call' },
      { event: 'phone.callee_answered', status: 'withheld', missingScope: 'phone:read:call' },
      { event: 'phone.callee_ended', status: 'withheld', missingScope: 'phone:read:call' },
      { event: 'phone.callee_call_element_completed', status: 'withheld', missingScope: 'phone:read:call' },
      { event: 'phone.callee_call_history_completed', status: 'withheld', missingScope: 'phone:read:call_log' },
    ]);
    // Nothing is on its way: the timeline stays without the call.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await callsOnContact()).toEqual([]);

    const started = await stack.api.graphql<{ syncZoomCalls: CallSync }>('mutation { syncZoomCalls { status } }', {}, stack.session);
    expect(started.data!.syncZoomCalls.status).toBe('QUEUED');
    await eventually(callSync, (sync) => sync?.status === 'DONE' && Date.parse(sync.finishedAt!) > Date.parse(firstSync!.finishedAt!), 30_000);
    expect(await callsOnContact()).toEqual([callId]);
  });
});
