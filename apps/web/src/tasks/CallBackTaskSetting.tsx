import { useMutation, useQuery } from '@apollo/client/react';
import { errorMessage } from '../apollo';
import { TASK_SETTINGS, UPDATE_TASK_SETTINGS } from './queries';
import './tasks.css';

interface TaskSettings {
  callBackTasks: boolean;
}

/** Settings > Calling: whether a missed call or voicemail from a contact puts "Call back <name>" on the Today view. */
export function CallBackTaskSetting() {
  const { data } = useQuery<{ taskSettings: TaskSettings }>(TASK_SETTINGS);
  const [update, { loading, error }] = useMutation<{ updateTaskSettings: TaskSettings }>(UPDATE_TASK_SETTINGS, {
    update: (cache, { data: result }) => result && cache.writeQuery({ query: TASK_SETTINGS, data: { taskSettings: result.updateTaskSettings } }),
  });
  return (
    <div className="call-back-setting">
      <label className="choice">
        <input
          type="checkbox"
          checked={data?.taskSettings.callBackTasks ?? true}
          disabled={!data || loading}
          onChange={(event) => void update({ variables: { callBackTasks: event.target.checked } }).catch(() => undefined)}
          data-testid="call-back-tasks"
        />
        <span>
          <strong>Create a Call back task for missed calls and voicemails</strong>
          <span className="muted"> · A contact you missed shows up on Today as “Call back &lt;name&gt;”, and leaves it once you call back and talk.</span>
        </span>
      </label>
      {error && <p className="form-error">{errorMessage(error)}</p>}
    </div>
  );
}
