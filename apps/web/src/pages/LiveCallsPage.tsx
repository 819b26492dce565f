import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { counterpartLabel, useCallBoard } from '../calls/useCallBoard';
import { formatDuration } from '../format';

const DIRECTION_WORDS = { INBOUND: 'Incoming', OUTBOUND: 'Outgoing', INTERNAL: 'Internal' } as const;

/** Everyone's calls in progress, live: ringing, then talking with a running clock, gone when they hang up. */
export function LiveCallsPage() {
  const calls = useCallBoard();
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <section className="page">
      <div className="page-header">
        <h1>Live calls</h1>
      </div>
      {calls.length === 0 ? (
        <p className="empty card">Nobody is on the phone right now. Calls appear here as they ring.</p>
      ) : (
        <div className="table-wrap">
        <table className="contacts-table" data-testid="live-calls">
          <thead>
            <tr>
              <th>Agent</th>
              <th>Call</th>
              <th>With</th>
              <th>State</th>
              <th>For</th>
            </tr>
          </thead>
          <tbody>
            {calls.map((call) => (
              <tr key={call.callId} data-testid="live-call" data-state={call.state}>
                <td>{call.owner?.name ?? '—'}</td>
                <td>{DIRECTION_WORDS[call.direction]}</td>
                <td>
                  {call.contact ? <Link to={`/contacts/${call.contact.id}`}>{counterpartLabel(call)}</Link> : counterpartLabel(call)}
                  {call.counterpartNumber && <div className="muted">{call.counterpartNumber}</div>}
                </td>
                <td>
                  <span className={`badge ${call.state === 'RINGING' ? 'warn' : ''}`}>{call.state === 'RINGING' ? 'Ringing' : 'Talking'}</span>
                </td>
                <td>{formatDuration(Math.max(0, Math.round((now - new Date(call.since).getTime()) / 1000)))}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
    </section>
  );
}
