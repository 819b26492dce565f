import { useApolloClient, useMutation } from '@apollo/client/react';
import { useCallback, useRef, useState } from 'react';
import { errorField, errorMessage } from '../apollo';
import type { SmartEmbedHandlers } from './bridge';
import { CONTACTS_MATCHING, CONTACTS_WITH_NUMBER, RECORD_SOFTPHONE_CALL, RECORD_SOFTPHONE_SMS, type SoftphoneContact } from './queries';
import { callLogOf, counterpartOf, numbersToMatch, type Payload, searchTextOf, smsLogOf } from './smart-embed';

/** An inbound call ringing in the softphone, with the contacts its number belongs to (none, one or several). */
export interface ScreenPop {
  callId: string;
  number: string | null;
  contacts: SoftphoneContact[];
}

/** Our contact as the softphone lists it. `displayName` repeats `name`: integrations have seen Zoom read either. */
function asSmartEmbedContact(contact: SoftphoneContact) {
  return {
    id: contact.id,
    name: contact.name,
    displayName: contact.name,
    phoneNumbers: contact.phones.map((phone) => phone.e164 ?? phone.raw),
    url: `${window.location.origin}/contacts/${contact.id}`,
  };
}

function distinct(contacts: SoftphoneContact[]): SoftphoneContact[] {
  return [...new Map(contacts.map((contact) => [contact.id, contact])).values()];
}

const callIdOf = (data: Payload) => (typeof data.callId === 'string' && data.callId ? data.callId : null);

/**
 * What the app does with each Smart Embed event: answers contact matches and searches from our contacts, pops the
 * contact of an inbound call, and writes the softphone's call logs (with the agent's outcome and notes) and texts
 * onto the timeline, matched by Zoom's call and message ids.
 */
export function useSmartEmbedHandlers() {
  const client = useApolloClient();
  const [recordCall] = useMutation(RECORD_SOFTPHONE_CALL);
  const [recordSms] = useMutation(RECORD_SOFTPHONE_SMS);
  const [screenPops, setScreenPops] = useState<ScreenPop[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  // A call can end while its caller is still being looked up: its pop must not appear afterwards.
  const endedCalls = useRef(new Set<string>());

  const contactsWithNumber = useCallback(
    async (number: string) => (await client.query<{ contactByPhone: SoftphoneContact[] }>({ query: CONTACTS_WITH_NUMBER, variables: { number }, fetchPolicy: 'network-only' })).data?.contactByPhone ?? [],
    [client],
  );
  const contactsMatching = useCallback(
    async (search: string) =>
      (await client.query<{ contacts: { edges: Array<{ node: SoftphoneContact }> } }>({ query: CONTACTS_MATCHING, variables: { search }, fetchPolicy: 'network-only' })).data?.contacts.edges.map((edge) => edge.node) ?? [],
    [client],
  );

  const dismissScreenPop = useCallback((callId: string) => setScreenPops((pops) => pops.filter((pop) => pop.callId !== callId)), []);

  const saveCallLog = async (data: Payload) => {
    const input = callLogOf(data);
    if (!input) return console.debug('[softphone] a call log without a callId is not saved');
    try {
      await recordCall({ variables: { input } });
    } catch (error) {
      if (errorField(error) !== 'disposition') return setProblem(`The call log was not saved: ${errorMessage(error)}`);
      // Zoom's notes page has its own outcomes: one we do not know must not cost the agent the notes.
      await recordCall({ variables: { input: { ...input, disposition: undefined } } }).catch(() => undefined);
      setProblem(`"${input.disposition}" is not one of your organisation's call outcomes, so the call was logged without it: pick one on its timeline entry.`);
    }
  };

  const handlers: SmartEmbedHandlers = {
    'zp-contact-match-event': async (data, reply) => {
      const contacts = distinct((await Promise.all(numbersToMatch(data).map(contactsWithNumber))).flat());
      reply('zp-contact-match-response', { responseId: data.requestId, contacts: contacts.map(asSmartEmbedContact) });
    },
    'zp-contact-search-event': async (data, reply) => {
      const search = searchTextOf(data);
      const contacts = search ? await contactsMatching(search) : [];
      reply('zp-contact-search-response', { responseId: data.requestId, contacts: contacts.map(asSmartEmbedContact) });
    },
    'zp-call-ringing-event': async (data) => {
      const callId = callIdOf(data);
      if (!callId || String(data.direction).toLowerCase() !== 'inbound') return;
      const number = counterpartOf(data) ?? null;
      const contacts = number ? await contactsWithNumber(number) : [];
      if (endedCalls.current.has(callId)) return;
      setScreenPops((pops) => [...pops.filter((pop) => pop.callId !== callId), { callId, number, contacts }]);
    },
    // Answering changes nothing here: the pop stays so the agent can still open the contact during the call.
    'zp-call-connected-event': () => undefined,
    'zp-call-ended-event': (data) => {
      const callId = callIdOf(data);
      if (!callId) return;
      endedCalls.current.add(callId);
      dismissScreenPop(callId);
    },
    'zp-call-log-completed-event': saveCallLog,
    'zp-save-log-event': saveCallLog,
    'zp-notes-save-event': saveCallLog,
    'zp-sms-log-event': async (data) => {
      const input = smsLogOf(data);
      if (!input) return console.debug('[softphone] an SMS log without message id, direction, number or text is not saved');
      await recordSms({ variables: { input } }).catch((error: unknown) => setProblem(`The text was not saved: ${errorMessage(error)}`));
    },
  };

  const clearProblem = useCallback(() => setProblem(null), []);
  return { handlers, screenPops, dismissScreenPop, problem, clearProblem };
}
