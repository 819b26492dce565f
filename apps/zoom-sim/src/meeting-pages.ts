import { Router } from 'express';
import { startMeeting } from './cloud-recordings';
import { escapeHtml, simPage } from './html';
import { meetingOf } from './meetings';
import type { SimState } from './state';
import type { WebhookSender } from './webhooks';

/**
 * What start_url and join_url open: the host's start page starts the meeting (meeting.started) and offers to end
 * it with a recording, transcript and summary; the join page shows the meeting. Stand-ins for the Zoom client.
 */
export function meetingPages(state: SimState, webhooks: WebhookSender): Router {
  const router = Router();

  router.get('/s/:meetingId', (request, response) => {
    const meeting = meetingOf(state, String(request.params.meetingId));
    if (!meeting || request.query.zak !== meeting.zak) return void response.status(404).send(simPage('start meeting', '<h1>This meeting link is not valid.</h1>'));
    if (meeting.status !== 'started') webhooks.send(startMeeting(meeting));
    const end = JSON.stringify({ durationMinutes: meeting.duration, withRecording: true, withTranscript: true, withSummary: true });
    response.send(
      simPage(
        'meeting',
        `<h1>${escapeHtml(meeting.topic)}</h1><p>You are hosting this meeting (${meeting.id}).</p>
<button class="approve" id="end" type="button">End meeting for all</button><p id="status" role="status"></p>
<script>document.getElementById('end').onclick=async()=>{const r=await fetch('/_sim/meetings/${meeting.id}/end',{method:'POST',headers:{'content-type':'application/json'},body:'${end}'});document.getElementById('status').textContent=r.ok?'Meeting ended.':'Could not end the meeting.';};</script>`,
      ),
    );
  });

  router.get('/j/:meetingId', (request, response) => {
    const meeting = meetingOf(state, String(request.params.meetingId));
    if (!meeting) return void response.status(404).send(simPage('join meeting', '<h1>This meeting link is not valid.</h1>'));
    const status = meeting.status === 'started' ? 'The meeting is in progress.' : 'Waiting for the host to start this meeting.';
    response.send(simPage('join meeting', `<h1>${escapeHtml(meeting.topic)}</h1><p>${status}</p>`));
  });

  return router;
}
