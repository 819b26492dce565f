import { type KeyboardEvent, useId, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { PhoneLink } from '../components/PhoneLink';
import { useCurrentUser } from '../session';
import { dueInFull, dueSection, dueWords, fromDueInput, SNOOZE_PICKS, toDueInput } from './due';
import type { Task, TaskSource, Teammate } from './queries';
import type { TaskActions } from './useTaskActions';

const SOURCE_LABELS: Record<TaskSource, string | null> = {
  MANUAL: null,
  MISSED_CALL: 'Missed call',
  VOICEMAIL: 'Voicemail',
  SUMMARY: 'From AI summary',
};

type Panel = 'snooze' | 'reassign' | 'delete';

/**
 * One open task: a checkbox to complete it, what and with whom, when it is due (in words that keep up with the
 * clock), and Snooze / Reassign / Delete, each opening its choices under the row.
 */
export function TaskRow({ task, now, actions, teammates, showContact = true }: { task: Task; now: Date; actions: TaskActions; teammates: Teammate[]; showContact?: boolean }) {
  const viewer = useCurrentUser();
  const [panel, setPanel] = useState<Panel | null>(null);
  /** The action under way: a completing task shows its tick until it leaves the list. */
  const [pending, setPending] = useState<'complete' | 'other' | null>(null);
  const busy = pending !== null;
  const panelId = useId();
  const actionsRef = useRef<HTMLDivElement>(null);
  const checkRef = useRef<HTMLInputElement>(null);
  const source = SOURCE_LABELS[task.source];
  const phone = task.contact?.phones[0];
  const others = teammates.filter((person) => person.active && person.id !== task.owner?.id);

  const run = async (action: () => Promise<void>, kind: 'complete' | 'other' = 'other') => {
    const neighbours = neighbourChecks(checkRef.current);
    setPending(kind);
    setPanel(null);
    await action();
    setPending(null);
    // A row that left the list (done, deleted, handed over) hands the keyboard to the next task rather than the page.
    if (checkRef.current?.isConnected) return;
    neighbours.find((check) => check.isConnected)?.focus();
  };
  const toggle = (which: Panel) => setPanel((open) => (open === which ? null : which));
  const closeOnEscape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !panel) return;
    // Back to the button that opened the choices, rather than losing focus with them.
    actionsRef.current?.querySelector<HTMLButtonElement>('[aria-expanded="true"]')?.focus();
    setPanel(null);
  };
  const panelButton = (which: Panel, label: string, className = 'button ghost small') => (
    <button type="button" className={className} aria-expanded={panel === which} aria-controls={panel === which ? panelId : undefined} disabled={busy} onClick={() => toggle(which)} data-testid={`task-${which}`}>
      {label}
    </button>
  );

  return (
    <li className={`task-row due-${dueSection(task.dueAt, now)}`} data-testid="task-row" data-task-id={task.id} onKeyDown={closeOnEscape}>
      <input ref={checkRef} type="checkbox" className="task-check" checked={pending === 'complete'} disabled={busy} onChange={() => void run(() => actions.complete(task), 'complete')} aria-label={`Mark done: ${task.title}`} data-testid="task-complete" />
      <div className="task-main">
        <span className="task-title" data-testid="task-title">
          {task.title}
        </span>
        <span className="task-meta">
          {source && (
            <span className={`badge task-source source-${task.source.toLowerCase()}`} data-testid="task-source">
              {source}
            </span>
          )}
          {task.dueAt ? (
            <time className="task-due" dateTime={task.dueAt} title={dueInFull(task.dueAt)} data-testid="task-due">
              {dueWords(task.dueAt, now)}
            </time>
          ) : (
            <span className="task-due muted">No due date</span>
          )}
          {showContact && task.contact && (
            <Link to={`/contacts/${task.contact.id}`} className="task-contact" data-testid="task-contact">
              {task.contact.name}
            </Link>
          )}
          {phone && <PhoneLink phone={phone} />}
          {task.deal && <Link to={`/deals/${task.deal.id}`}>{task.deal.title}</Link>}
          {task.owner && task.owner.id !== viewer.id && <span className="muted">{task.owner.name}</span>}
        </span>
      </div>
      <div className="task-actions" ref={actionsRef}>
        {panelButton('snooze', 'Snooze')}
        {others.length > 0 && panelButton('reassign', 'Reassign')}
        {panelButton('delete', 'Delete', 'button ghost small danger')}
      </div>
      {panel && (
        <div className="task-panel" id={panelId} role="group" aria-label={`${panel === 'snooze' ? 'Snooze' : panel === 'reassign' ? 'Reassign' : 'Delete'}: ${task.title}`}>
          {panel === 'snooze' && <SnoozeChoices now={now} onPick={(dueAt) => void run(() => actions.reschedule(task, dueAt))} />}
          {panel === 'reassign' && <ReassignChoice teammates={others} onPick={(owner) => void run(() => actions.reassign(task, owner))} />}
          {panel === 'delete' && (
            <>
              <span>Delete this task? It cannot be brought back.</span>
              <button type="button" className="button small danger" onClick={() => void run(() => actions.remove(task))} data-testid="task-delete-confirm">
                Delete task
              </button>
              <button type="button" className="button ghost small" onClick={() => setPanel(null)}>
                Keep it
              </button>
            </>
          )}
        </div>
      )}
    </li>
  );
}

/** The checkboxes of the tasks after and before this one, wherever they are listed. */
function neighbourChecks(own: HTMLInputElement | null): HTMLInputElement[] {
  const checks = Array.from(document.querySelectorAll<HTMLInputElement>('.task-check'));
  const index = own ? checks.indexOf(own) : -1;
  return index < 0 ? [] : [checks[index + 1], checks[index - 1]].filter((check): check is HTMLInputElement => Boolean(check));
}

function SnoozeChoices({ now, onPick }: { now: Date; onPick: (dueAt: string) => void }) {
  const [picked, setPicked] = useState(() => toDueInput(SNOOZE_PICKS[1].at(now)));
  const inputId = useId();
  const pickedAt = fromDueInput(picked);
  return (
    <>
      {SNOOZE_PICKS.map((pick) => (
        <button key={pick.label} type="button" className="button small" onClick={() => onPick(pick.at(new Date()).toISOString())} data-testid="snooze-pick">
          {pick.label}
        </button>
      ))}
      <span className="task-pick-time">
        <label htmlFor={inputId}>Until</label>
        <input id={inputId} type="datetime-local" value={picked} onChange={(event) => setPicked(event.target.value)} data-testid="snooze-at" />
        <button type="button" className="button small" disabled={!pickedAt} onClick={() => pickedAt && onPick(pickedAt)} data-testid="snooze-at-save">
          Snooze
        </button>
      </span>
    </>
  );
}

function ReassignChoice({ teammates, onPick }: { teammates: Teammate[]; onPick: (owner: Teammate) => void }) {
  const [ownerId, setOwnerId] = useState(teammates[0].id);
  const selectId = useId();
  const owner = teammates.find((person) => person.id === ownerId);
  return (
    <span className="task-pick-time">
      <label htmlFor={selectId}>Give to</label>
      <select id={selectId} value={ownerId} onChange={(event) => setOwnerId(event.target.value)} data-testid="reassign-to">
        {teammates.map((person) => (
          <option key={person.id} value={person.id}>
            {person.name}
          </option>
        ))}
      </select>
      <button type="button" className="button small" disabled={!owner} onClick={() => owner && onPick(owner)} data-testid="reassign-save">
        Reassign
      </button>
    </span>
  );
}
