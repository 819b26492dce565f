import type { CallFacts, CallOwner, VoicemailFacts } from '@switchboard/crm-domain';
import type { Activity } from '../activity';
import type { ConnectedZoomUser } from '../zoom';

/**
 * What every Zoom path fills in on a call's activity that has none yet: the softphone may log a call before Zoom's
 * events, and without its number, so the contact comes from Zoom's match then. A contact already there stays.
 */
export const CALL_FIELDS_FILLED_IF_EMPTY: (keyof Activity)[] = ['contactId'];

/**
 * The fields of a call's activity that every path (call log, backfill, recording, voicemail) writes the same way:
 * whose call it is, when, which way, with whom, and its Zoom ids; each path adds its type and text.
 */
export function callActivityFields(
  connection: ConnectedZoomUser,
  facts: CallFacts | VoicemailFacts,
  counterpart: { number: string | null; contactId: string | null },
  zoomRef: string,
) {
  return {
    organisationId: connection.organisationId,
    ownerId: connection.userId,
    occurredAt: facts.startedAt,
    direction: facts.direction,
    result: facts.result,
    durationSeconds: facts.durationSeconds,
    counterpartNumber: counterpart.number,
    counterpartName: facts.counterpartName,
    contactId: counterpart.contactId,
    zoom: facts.callId ? { callId: facts.callId } : null,
    zoomRef,
  };
}

/** How the connected user appears at either end of their Zoom call records: their Zoom Phone extension and number. */
export const callOwnerOf = (connection: ConnectedZoomUser): CallOwner => ({ extensionNumber: connection.phoneExtension, phoneNumber: connection.phoneNumber });
