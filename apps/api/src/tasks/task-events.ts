import type { Task } from './entities/task.entity';

export const TASK_CHANGED = 'task.changed';

/** A task as the API answers it: `deleted` is true only in what deleteTask answers and announces. */
export type TaskView = Task & { deleted?: boolean };

type DateFields = 'dueAt' | 'completedAt' | 'activityAt' | 'createdAt' | 'updatedAt';

/** A task as it crosses Redis (JSON: dates as ISO strings), with the owner it had before a reassignment. */
export type TaskMessage = Omit<TaskView, DateFields> & Record<DateFields, string | null> & { previousOwnerId?: string | null };

const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);
const dateOrNull = (text: string | null) => (text ? new Date(text) : null);

export function toTaskMessage(task: TaskView, previousOwnerId?: string | null): TaskMessage {
  return {
    ...task,
    ...(previousOwnerId && previousOwnerId !== task.ownerId ? { previousOwnerId } : {}),
    dueAt: isoOrNull(task.dueAt),
    completedAt: isoOrNull(task.completedAt),
    activityAt: isoOrNull(task.activityAt),
    createdAt: task.createdAt.toISOString(),
    updatedAt: task.updatedAt.toISOString(),
  };
}

export function fromTaskMessage({ previousOwnerId: _previousOwnerId, ...message }: TaskMessage): TaskView {
  return {
    ...message,
    dueAt: dateOrNull(message.dueAt),
    completedAt: dateOrNull(message.completedAt),
    activityAt: dateOrNull(message.activityAt),
    createdAt: new Date(message.createdAt as string),
    updatedAt: new Date(message.updatedAt as string),
  };
}
