import type { Activity } from './entities/activity.entity';

export const ACTIVITY_ADDED = 'activity.added';
export const ACTIVITY_UPDATED = 'activity.updated';

/** An activity as it crosses Redis: JSON, so its dates travel as ISO strings. */
export type ActivityMessage = Omit<Activity, 'occurredAt' | 'createdAt' | 'updatedAt'> & {
  occurredAt: string;
  createdAt: string;
  updatedAt: string;
};

export function toMessage(activity: Activity): ActivityMessage {
  return {
    ...activity,
    occurredAt: activity.occurredAt.toISOString(),
    createdAt: activity.createdAt.toISOString(),
    updatedAt: activity.updatedAt.toISOString(),
  };
}

export function fromMessage(message: ActivityMessage): Activity {
  return {
    ...message,
    occurredAt: new Date(message.occurredAt),
    createdAt: new Date(message.createdAt),
    updatedAt: new Date(message.updatedAt),
  };
}
