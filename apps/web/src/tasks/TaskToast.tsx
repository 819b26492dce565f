import { useEffect } from 'react';
import type { TaskNotice } from './useTaskActions';

/** How long a confirmation stays (an error stays until dismissed): long enough to reach Undo. */
const SHOWN_FOR_MS = 10_000;

/** The result of the last task action, at the bottom of the screen wherever the task was: "Done: … Undo". */
export function TaskToast({ notice, onDismiss }: { notice: TaskNotice | null; onDismiss: () => void }) {
  useEffect(() => {
    if (!notice || notice.tone === 'error') return;
    const timer = window.setTimeout(onDismiss, SHOWN_FOR_MS);
    return () => window.clearTimeout(timer);
  }, [notice, onDismiss]);
  return (
    <div className="task-toast-region" role="status" aria-live="polite">
      {notice && (
        <div className={`task-toast ${notice.tone}`} data-testid="task-toast">
          <span className="task-toast-text">{notice.text}</span>
          {notice.undo && (
            <button
              type="button"
              className="button small"
              onClick={() => {
                notice.undo?.();
                onDismiss();
              }}
              data-testid="task-undo"
            >
              Undo
            </button>
          )}
          <button type="button" className="button ghost small" onClick={onDismiss} aria-label="Dismiss">
            ✕
          </button>
        </div>
      )}
    </div>
  );
}
