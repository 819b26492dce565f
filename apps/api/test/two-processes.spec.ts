import { startApiProcess, type ApiProcess } from './support/api-process';
import { collect, type GraphQLResult, startTestApi, type TestApi } from './support/test-api';

/** Nothing lives in one process's memory: a subscriber on process A hears a note added through process B. */
describe('two api processes, one Redis', () => {
  let processA: TestApi;
  let processB: ApiProcess;

  beforeAll(async () => {
    processA = await startTestApi();
    processB = await startApiProcess({ ...processA.env, LOG_LEVEL: 'warn' });
    await processA.createOrganisation('Twin Realty', [{ email: 'twin@twin.test' }]);
  });
  afterAll(async () => {
    await processB?.stop();
    await processA?.close();
  });

  it('delivers activityAdded on A for a note added through B', async () => {
    const token = await processA.login('twin@twin.test');
    const viaB = async (query: string, variables: Record<string, unknown>) =>
      (
        await fetch(`${processB.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query, variables }),
        })
      ).json() as Promise<GraphQLResult>;
    const contact = await viaB('mutation { createContact(input: { firstName: "Remote" }) { id } }', {});
    const contactId = contact.data!.createContact.id;

    const subscription = collect<{ activityAdded: { body: string; contact: { id: string } } }>(
      processA.subscribe(token),
      'subscription($c: ID) { activityAdded(contactId: $c) { body contact { id } } }',
      { c: contactId },
    );
    await subscription.ready;
    await viaB('mutation($c: ID!) { addNote(contactId: $c, body: "from process B") { id } }', { c: contactId });
    const [event] = await subscription.done;
    expect(event.activityAdded).toEqual({ body: 'from process B', contact: { id: contactId } });
  });
});
