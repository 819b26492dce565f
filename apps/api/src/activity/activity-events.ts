import type { Activity } from './entities/activity.entity';

export const ACTIVITY_ADDED = 'activity.added';
export const ACTIVITY_UPDATED = 'activity.updated';

/** An activity as it crosses Redis: JSON, so its dates travel as ISO strings. */
export type ActivityMessage = Omit<Activity, 'occurredAt' | 'createdAt' | 'updatedAt'> & {
  occurredAt: string;
  createdAt: string;
  updatedAt: string;
  /** Set when the update moved the activity off this contact: that contact's timeline hears it left. */
  previousContactId?: string | null;
};

export function toMessage(activity: Activity, previousContactId?: string | null): ActivityMessage {
  return {
    ...activity,
    ...(previousContactId ? { previousContactId } : {}),
    occurredAt: activity.occurredAt.toISOString(),
    createdAt: activity.createdAt.toISOString(),
    updatedAt: activity.updatedAt.toISOString(),
  };
}

export function fromMessage({ previousContactId: _previousContactId, ...message }: ActivityMessage): Activity {
  return {
    ...message,
    occurredAt: new Date(message.occurredAt),
    createdAt: new Date(message.createdAt),
    updatedAt: new Date(message.updatedAt),
  };
}
