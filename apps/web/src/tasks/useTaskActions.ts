import type { ApolloCache } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { useCallback, useState } from 'react';
import { errorMessage } from '../apollo';
import { useCurrentUser } from '../session';
import { dueWords } from './due';
import { COMPLETE_TASK, DELETE_TASK, REOPEN_TASK, type Task, UPDATE_TASK } from './queries';
import { applyTaskChange } from './taskCache';

/** What the last action did, shown in the task toast; `undo` puts it back. */
export interface TaskNotice {
  text: string;
  tone: 'done' | 'error';
  undo?: () => void;
}

/** Keeps the nav badge's counts in step with a change made here (taskChanged also refreshes them). */
const REFRESH_COUNTS = ['TaskCounts'];

/** Complete, reopen, snooze, reassign and delete a task, each reflected in the lists on screen at once. */
export function useTaskActions() {
  const viewer = useCurrentUser();
  const [notice, setNotice] = useState<TaskNotice | null>(null);
  const apply = useCallback((cache: ApolloCache, task: Task | undefined) => task && applyTaskChange(cache, task, viewer.id), [viewer.id]);

  const [completeTask] = useMutation<{ completeTask: Task }>(COMPLETE_TASK, { update: (cache, { data }) => apply(cache, data?.completeTask), refetchQueries: REFRESH_COUNTS });
  const [reopenTask] = useMutation<{ reopenTask: Task }>(REOPEN_TASK, { update: (cache, { data }) => apply(cache, data?.reopenTask), refetchQueries: REFRESH_COUNTS });
  const [updateTask] = useMutation<{ updateTask: Task }>(UPDATE_TASK, { update: (cache, { data }) => apply(cache, data?.updateTask), refetchQueries: REFRESH_COUNTS });
  const [deleteTask] = useMutation<{ deleteTask: Task }>(DELETE_TASK, { update: (cache, { data }) => apply(cache, data?.deleteTask), refetchQueries: REFRESH_COUNTS });

  /** Runs one action; a refusal becomes the toast's message rather than an unhandled rejection. */
  const attempt = useCallback(async (action: () => Promise<TaskNotice | null>) => {
    try {
      setNotice(await action());
    } catch (error) {
      setNotice({ text: errorMessage(error), tone: 'error' });
    }
  }, []);

  const reopen = useCallback(
    (task: Task) =>
      attempt(async () => {
        await reopenTask({ variables: { id: task.id } });
        return null;
      }),
    [attempt, reopenTask],
  );

  const complete = useCallback(
    (task: Task) =>
      attempt(async () => {
        await completeTask({ variables: { id: task.id } });
        return { text: `Done: ${task.title}`, tone: 'done', undo: () => void reopen(task) };
      }),
    [attempt, completeTask, reopen],
  );

  const reschedule = useCallback(
    (task: Task, dueAt: string | null) =>
      attempt(async () => {
        await updateTask({ variables: { id: task.id, input: { dueAt } } });
        const back = () =>
          void attempt(async () => {
            await updateTask({ variables: { id: task.id, input: { dueAt: task.dueAt } } });
            return null;
          });
        return { text: `Snoozed: ${task.title} · ${dueWords(dueAt, new Date())}`, tone: 'done', undo: back };
      }),
    [attempt, updateTask],
  );

  const reassign = useCallback(
    (task: Task, owner: { id: string; name: string }) =>
      attempt(async () => {
        await updateTask({ variables: { id: task.id, input: { ownerId: owner.id } } });
        return { text: `${task.title} is now ${owner.id === viewer.id ? 'yours' : `with ${owner.name}`}`, tone: 'done' };
      }),
    [attempt, updateTask, viewer.id],
  );

  const remove = useCallback(
    (task: Task) =>
      attempt(async () => {
        await deleteTask({ variables: { id: task.id } });
        return { text: `Deleted: ${task.title}`, tone: 'done' };
      }),
    [attempt, deleteTask],
  );

  const dismissNotice = useCallback(() => setNotice(null), []);
  return { complete, reopen, reschedule, reassign, remove, notice, dismissNotice };
}

export type TaskActions = ReturnType<typeof useTaskActions>;
