import { registerEnumType } from '@nestjs/graphql';
import { ActivityDirection, ActivityType, CallResult, ContactStage, DealStage, UserRole } from '@switchboard/crm-domain';

/** GraphQL enum names equal to the stored values ("lead", "agent", "CALL"), as integrators see them everywhere. */
function byValue<T extends Record<string, string>>(values: T): Record<T[keyof T], T[keyof T]> {
  return Object.fromEntries(Object.values(values).map((value) => [value, value])) as Record<T[keyof T], T[keyof T]>;
}

export const UserRoleEnum = byValue(UserRole);
export const ContactStageEnum = byValue(ContactStage);
export const DealStageEnum = byValue(DealStage);
registerEnumType(UserRoleEnum, { name: 'Role' });
registerEnumType(ContactStageEnum, { name: 'ContactStage' });
registerEnumType(DealStageEnum, { name: 'DealStage' });
registerEnumType(ActivityType, { name: 'ActivityType' });
registerEnumType(ActivityDirection, { name: 'ActivityDirection' });
registerEnumType(CallResult, { name: 'CallResult' });

/** What a phone number in the app opens: Zoom Phone (zoomphonecall://, zoomphonesms://) or the system's tel:. */
export const CallLinkScheme = { ZOOM_PHONE: 'ZOOM_PHONE', TEL: 'TEL' } as const;
export type CallLinkScheme = (typeof CallLinkScheme)[keyof typeof CallLinkScheme];
registerEnumType(CallLinkScheme, { name: 'CallLinkScheme' });

export { ActivityDirection, ActivityType, CallResult };
