import { useQuery, useSubscription } from '@apollo/client/react';
import './tasks.css';
import { NavLink } from 'react-router-dom';
import { useCurrentUser } from '../session';
import { VIEWER_TIME_ZONE } from './due';
import { TASK_CHANGED, TASK_COUNTS, type Task, type TaskCounts } from './queries';
import { applyTaskChange } from './taskCache';

/** Midnight turns upcoming tasks into today's with no event to say so: the counts are read again now and then. */
const RECOUNT_EVERY_MS = 5 * 60_000;

/**
 * The "Today" navigation item with what needs doing (overdue, red when any, plus due today). It also carries the
 * app's one taskChanged subscription: every change to the agent's tasks lands in the cached lists on screen.
 */
export function TodayNavLink() {
  const viewer = useCurrentUser();
  const { data, refetch } = useQuery<{ taskCounts: TaskCounts }>(TASK_COUNTS, { variables: { timezone: VIEWER_TIME_ZONE }, pollInterval: RECOUNT_EVERY_MS });
  useSubscription<{ taskChanged: Task }>(TASK_CHANGED, {
    onData: ({ client, data: event }) => {
      const task = event.data?.taskChanged;
      if (!task) return;
      applyTaskChange(client.cache, task, viewer.id);
      void refetch();
    },
  });
  const counts = data?.taskCounts;
  const due = counts ? counts.overdue + counts.dueToday : 0;
  return (
    <NavLink to="/today" data-testid="nav-today">
      Today
      {counts && due > 0 && (
        <>
          <span className={`nav-count${counts.overdue > 0 ? ' overdue' : ''}`} aria-hidden="true" data-testid="nav-today-count">
            {due}
          </span>
          <span className="visually-hidden">
            {`: ${due} due${counts.overdue > 0 ? `, ${counts.overdue} overdue` : ''}`}
          </span>
        </>
      )}
    </NavLink>
  );
}
