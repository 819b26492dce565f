import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../apollo';
import { SkeletonRows } from '../components/Skeleton';
import { useNow } from '../timeline/useNow';
import { type DueSection, dueSection } from './due';
import { OPEN_TASKS, type OpenTasksData, type Task } from './queries';
import { QuickAddTask } from './QuickAddTask';
import { todayVariables } from './taskCache';
import { TaskRow } from './TaskRow';
import { TaskToast } from './TaskToast';
import { useTaskActions } from './useTaskActions';
import { useTeammates } from './useTeammates';
import './tasks.css';

const SECTIONS: Array<{ key: DueSection; title: string; whenEmpty?: string }> = [
  { key: 'overdue', title: 'Overdue' },
  { key: 'today', title: 'Today', whenEmpty: 'Nothing else due today.' },
  { key: 'upcoming', title: 'Upcoming' },
  { key: 'none', title: 'No date' },
];

const today = new Intl.DateTimeFormat(undefined, { weekday: 'long', month: 'long', day: 'numeric' });

/** The agent's home page: their open tasks by when they are due, a quick way to add one, kept live by taskChanged. */
export function TodayPage() {
  const now = new Date(useNow());
  const actions = useTaskActions();
  const teammates = useTeammates();
  const [loadingMore, setLoadingMore] = useState(false);
  // Read afresh on every visit: changes made while the page was not shown may not all have reached the cache.
  const { data, loading, error, fetchMore } = useQuery<OpenTasksData>(OPEN_TASKS, { variables: todayVariables(), fetchPolicy: 'cache-and-network' });
  const page = data?.tasks;
  const tasks = page?.edges.map((edge) => edge.node) ?? [];
  const bySection = new Map<DueSection, Task[]>(SECTIONS.map(({ key }) => [key, []]));
  for (const task of tasks) bySection.get(dueSection(task.dueAt, now))?.push(task);
  const overdue = bySection.get('overdue')?.length ?? 0;
  const dueToday = bySection.get('today')?.length ?? 0;

  const loadMore = async () => {
    setLoadingMore(true);
    try {
      await fetchMore({
        variables: { after: page?.pageInfo.endCursor },
        updateQuery: (previous, { fetchMoreResult }) => ({ tasks: { ...fetchMoreResult.tasks, edges: [...previous.tasks.edges, ...fetchMoreResult.tasks.edges] } }),
      });
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <section className="page today-page">
      <div className="page-header">
        <div>
          <h1>Today</h1>
          <p className="muted" data-testid="today-summary">
            {today.format(now)}
            {page && ` · ${overdue > 0 ? `${overdue} overdue · ` : ''}${dueToday} due today`}
          </p>
        </div>
      </div>
      <div className="today-layout">
        <aside className="card today-add" aria-label="Add a task">
          <QuickAddTask />
        </aside>
        <div className="today-lists">
          {error && <p className="form-error">{errorMessage(error)}</p>}
          {!page && loading && (
            <div className="card task-section">
              <SkeletonRows rows={4} label="Loading your tasks" />
            </div>
          )}
          {page && tasks.length === 0 && <CaughtUp />}
          {page &&
            tasks.length > 0 &&
            SECTIONS.map(({ key, title, whenEmpty }) => {
              const items = bySection.get(key) ?? [];
              if (items.length === 0 && !whenEmpty) return null;
              return (
                <section key={key} className={`card task-section section-${key}`} aria-labelledby={`tasks-${key}`} data-testid={`tasks-${key}`}>
                  <h2 id={`tasks-${key}`}>
                    {title} <span className="section-count">{items.length}</span>
                  </h2>
                  {items.length === 0 ? (
                    <p className="muted task-section-empty">{whenEmpty}</p>
                  ) : (
                    <ul className="task-list">
                      {items.map((task) => (
                        <TaskRow key={task.id} task={task} now={now} actions={actions} teammates={teammates} />
                      ))}
                    </ul>
                  )}
                </section>
              );
            })}
          {page?.pageInfo.hasNextPage && (
            <button type="button" className="button" onClick={() => void loadMore()} disabled={loadingMore}>
              {loadingMore ? 'Loading…' : `Show more (${page.totalCount - tasks.length} not shown)`}
            </button>
          )}
        </div>
      </div>
      <TaskToast notice={actions.notice} onDismiss={actions.dismissNotice} />
    </section>
  );
}

/** No open task at all: what will fill this page, and where to go meanwhile. */
function CaughtUp() {
  return (
    <div className="card task-empty" data-testid="tasks-empty">
      <h2>You are all caught up</h2>
      <p className="muted">
        Nothing is waiting on you. A missed call or a voicemail from a contact adds “Call back” here by itself, an AI summary’s next steps become tasks in one tap from the
        contact’s timeline, and anything else you add yourself.
      </p>
      <p className="muted">
        <Link to="/contacts">Go to your contacts</Link> · <Link to="/settings/calling">Call-back task settings</Link>
      </p>
    </div>
  );
}
