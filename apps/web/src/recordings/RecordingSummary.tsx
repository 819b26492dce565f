import type { Activity } from '../graphql';
import { CreateTaskFromStep } from '../tasks/CreateTaskFromStep';

/**
 * Zoom's AI Companion summary of the meeting: the overview and the next steps. A summary still being made, or
 * one the host's Zoom plan does not include, is a quiet line rather than an error; no summary at all says nothing.
 */
export function RecordingSummary({ activity }: { activity: Activity }) {
  const { summary, nextSteps } = activity;
  const status = activity.summaryStatus ?? (summary || nextSteps.length > 0 ? 'READY' : 'NONE');
  if (status === 'PENDING') {
    return (
      <p className="summary-note" data-testid="recording-summary" data-status={status}>
        <span className="summary-pending" aria-hidden="true" /> Summary on its way from Zoom
      </p>
    );
  }
  if (status === 'NOT_ON_PLAN') {
    return (
      <p className="summary-note" data-testid="recording-summary" data-status={status}>
        No AI Companion summary: not on this Zoom plan
      </p>
    );
  }
  if (status === 'NONE' || (!summary && nextSteps.length === 0)) return null;
  return (
    <section className="recording-summary" aria-label="AI Companion summary" data-testid="recording-summary" data-status={status}>
      <h3>
        <span className="ai-mark" aria-hidden="true">
          ✦
        </span>
        AI Companion summary
      </h3>
      {summary && <p className="summary-overview">{summary}</p>}
      {nextSteps.length > 0 && (
        <>
          <h4>Next steps</h4>
          <ul className="next-steps" data-testid="recording-next-steps">
            {nextSteps.map((step, index) => (
              <li key={index}>
                <span className="next-step-text">{step}</span>
                <CreateTaskFromStep step={step} activityId={activity.id} contactId={activity.contact?.id ?? null} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
