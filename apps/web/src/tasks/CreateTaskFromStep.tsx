import { useMutation } from '@apollo/client/react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../apollo';
import { useCurrentUser } from '../session';
import { CREATE_TASK, TASK_TITLE_MAX, type Task } from './queries';
import { applyTaskChange } from './taskCache';
import './tasks.css';

/** An AI summary's next step turned into a task in one tap, on the recording's contact and linked to the recording. */
export function CreateTaskFromStep({ step, activityId, contactId }: { step: string; activityId: string; contactId: string | null }) {
  const viewer = useCurrentUser();
  const [createTask, { data, loading, error }] = useMutation<{ createTask: Task }>(CREATE_TASK, {
    update: (cache, { data: result }) => result && applyTaskChange(cache, result.createTask, viewer.id),
    refetchQueries: ['TaskCounts'],
  });
  if (data) {
    return (
      <span className="step-task-added" role="status" data-testid="step-task-added">
        Task added · <Link to="/today">Open Today</Link>
      </span>
    );
  }
  return (
    <>
      <button
        type="button"
        className="button ghost small step-task"
        disabled={loading}
        onClick={() => void createTask({ variables: { input: { title: step.slice(0, TASK_TITLE_MAX).trim(), activityId, contactId } } }).catch(() => undefined)}
        aria-label={`Create a task: ${step}`}
        data-testid="step-create-task"
      >
        {loading ? 'Adding…' : 'Create task'}
      </button>
      {error && <span className="form-error">{errorMessage(error)}</span>}
    </>
  );
}
