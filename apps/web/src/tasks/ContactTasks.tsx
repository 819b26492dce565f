import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { errorMessage } from '../apollo';
import { SkeletonRows } from '../components/Skeleton';
import { useNow } from '../timeline/useNow';
import { OPEN_TASKS, type OpenTasksData } from './queries';
import { QuickAddTask } from './QuickAddTask';
import { contactTasksVariables } from './taskCache';
import { TaskRow } from './TaskRow';
import { TaskToast } from './TaskToast';
import { useTaskActions } from './useTaskActions';
import { useTeammates } from './useTeammates';
import './tasks.css';

/** The contact page's Tasks panel: what is still to do with this contact (whoever owns it), and adding one. */
export function ContactTasks({ contactId, contactName }: { contactId: string; contactName: string }) {
  const now = new Date(useNow());
  const actions = useTaskActions();
  const teammates = useTeammates();
  const [adding, setAdding] = useState(false);
  const { data, loading, error } = useQuery<OpenTasksData>(OPEN_TASKS, { variables: contactTasksVariables(contactId), fetchPolicy: 'cache-and-network' });
  const page = data?.tasks;
  return (
    <section className="contact-tasks" aria-labelledby="contact-tasks-title" data-testid="contact-tasks">
      <h2 id="contact-tasks-title">
        Tasks {page && page.totalCount > 0 && <span className="section-count">{page.totalCount}</span>}
      </h2>
      {error && <p className="form-error">{errorMessage(error)}</p>}
      {!page && loading ? (
        <SkeletonRows rows={2} label="Loading tasks" />
      ) : page && page.edges.length === 0 ? (
        <p className="muted">Nothing to do with {contactName} right now.</p>
      ) : (
        <ul className="task-list compact">
          {page?.edges.map(({ node: task }) => (
            <TaskRow key={task.id} task={task} now={now} actions={actions} teammates={teammates} showContact={false} />
          ))}
        </ul>
      )}
      {adding ? (
        <>
          <QuickAddTask contact={{ id: contactId, name: contactName }} autoFocus />
          <button type="button" className="button ghost small" onClick={() => setAdding(false)}>
            Close
          </button>
        </>
      ) : (
        <button type="button" className="button small" onClick={() => setAdding(true)} data-testid="contact-add-task">
          Add a task
        </button>
      )}
      <TaskToast notice={actions.notice} onDismiss={actions.dismissNotice} />
    </section>
  );
}
