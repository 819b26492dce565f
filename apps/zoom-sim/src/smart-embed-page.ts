import { Router } from 'express';

/**
 * How long every call placed from the stand-in lasts in Zoom's records (the phone.* webhooks), however soon it is
 * hung up: the call is created at Zoom before it rings, so its records are written before anyone knows.
 */
const CALL_SECONDS = 60;

const STYLE = `*{box-sizing:border-box}[hidden]{display:none!important}body{margin:0;font:14px/1.4 system-ui,sans-serif;color:#232333;background:#fff}
header{display:flex;align-items:center;justify-content:space-between;padding:.6rem .8rem;background:#0b5cff;color:#fff;font-weight:600}
header small{font-weight:400;opacity:.85}main{padding:.8rem;display:grid;gap:.8rem}label{display:grid;gap:.25rem;font-weight:500}
select,input,textarea,button{font:inherit}select,input,textarea{width:100%;padding:.45rem .55rem;border:1px solid #c9cdd6;border-radius:6px}
button{padding:.45rem .9rem;border-radius:6px;border:1px solid #0b5cff;background:#fff;color:#0b5cff;cursor:pointer}
button.primary{background:#0b5cff;color:#fff}button.end{background:#e02828;border-color:#e02828;color:#fff}
.status{margin:0;padding:.5rem .6rem;border-radius:6px;background:#f1f4fa}.panel{display:grid;gap:.6rem;border-top:1px solid #e4e7ee;padding-top:.8rem}
.panel h2{margin:0;font-size:1rem}.number{font-size:1.3rem;font-weight:600;letter-spacing:.02em}.row{display:flex;gap:.5rem;flex-wrap:wrap}
.matches{margin:0;padding-left:1.1rem}footer{padding:0 .8rem .8rem;color:#747487;font-size:.75rem}`;

/**
 * The page. Zoom's notes page offers the outcomes Zoom's admin set up; this one suggests Switchboard's default
 * outcomes and takes any text, as an outcome the app does not know is a case the app must handle.
 */
const BODY = `<header>Zoom Phone <small>simulator</small></header>
<main>
<label>Signed in as <select id="user"><option value="">Sign in…</option></select></label>
<p class="status" id="status" role="status">Connecting…</p>
<section class="panel" data-panel="idle">
  <h2>Simulate</h2>
  <label>Caller's number <input id="incoming-number" type="tel" placeholder="+14155550106"></label>
  <div class="row"><button type="button" id="incoming">Incoming call</button></div>
</section>
<section class="panel" data-panel="call" hidden>
  <h2 id="call-title">Calling</h2>
  <div class="number" id="call-number"></div>
  <ul class="matches" id="matches" aria-label="Contacts in the app"></ul>
  <div class="row"><button type="button" class="primary" id="answer" hidden>Answer</button><button type="button" class="end" id="hangup">Hang up</button></div>
</section>
<section class="panel" data-panel="notes" hidden>
  <h2>Call log</h2>
  <div id="notes-call"></div>
  <label>Outcome <input id="disposition" list="dispositions" placeholder="e.g. Appointment set"></label>
  <datalist id="dispositions"><option>Connected</option><option>Left voicemail</option><option>No answer</option><option>Appointment set</option><option>Follow-up</option></datalist>
  <label>Notes <textarea id="notes" rows="4"></textarea></label>
  <div class="row"><button type="button" class="primary" id="save-log">Save log</button><button type="button" id="notes-done">Done</button></div>
</section>
<section class="panel" data-panel="sms" hidden>
  <h2>New text message</h2>
  <label>To <input id="sms-to" type="tel"></label>
  <label>Message <textarea id="sms-body" rows="4"></textarea></label>
  <div class="row"><button type="button" class="primary" id="sms-send">Send</button><button type="button" id="sms-cancel">Cancel</button></div>
</section>
</main>
<footer>The Switchboard Zoom simulator's stand-in for Zoom Phone Smart Embed, not zoom.us.</footer>`;

/**
 * The page's script. It talks to the page that embeds it the way Zoom's iframe does: `{ type, data }` messages to
 * `window.parent` at the parent's origin only, and it reads messages only from that window at that origin.
 */
const SCRIPT = `(() => {
const CALL_SECONDS = ${CALL_SECONDS};
const USER_KEY = 'zoom-sim.smart-embed.user';
const params = new URLSearchParams(location.search);
const parentOrigin = params.get('origin') || (document.referrer ? new URL(document.referrer).origin : '');
const $ = (id) => document.getElementById(id);
let users = [];
let config = null;
let call = null;
let loggedCall = null;
let matchRequest = null;
let placing = false;

const say = (text) => { $('status').textContent = text; };
const show = (name) => { for (const panel of document.querySelectorAll('[data-panel]')) panel.hidden = panel.dataset.panel !== name; };
const post = (type, data) => window.parent.postMessage({ type, data }, parentOrigin);
const signedIn = () => users.find((user) => user.email === $('user').value) || null;
const me = (user) => ({ name: user.email, phoneNumber: user.phoneNumber, extensionNumber: user.extension });
const other = (call) => (call.direction === 'outbound' ? call.callee : call.caller).phoneNumber;
const payload = (current, extra) => ({ callId: current.callId, direction: current.direction, caller: current.caller, callee: current.callee, dateTime: current.dateTime, ...extra });

/** The simulator's control API; null when it refuses or cannot be reached. */
async function control(path, body) {
  try {
    const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return response.ok ? await response.json() : null;
  } catch {
    return null;
  }
}

async function placeCall(direction, number) {
  const user = signedIn();
  const refusal = !user ? 'Sign in to Zoom Phone first.' : call || placing ? 'You are already on a call.' : null;
  if (refusal) {
    say(refusal);
    return null;
  }
  placing = true;
  const created = await control('/_sim/phone/calls', { userEmail: user.email, direction, counterpartNumber: number, outcome: 'answered', durationSeconds: CALL_SECONDS });
  placing = false;
  if (!created) {
    say('Zoom could not place the call to ' + number + '.');
    return null;
  }
  const party = { phoneNumber: number };
  call = { callId: created.callId, direction, caller: direction === 'outbound' ? me(user) : party, callee: direction === 'outbound' ? party : me(user), dateTime: new Date().toISOString() };
  $('call-number').textContent = number;
  $('matches').replaceChildren();
  show('call');
  post('zp-call-ringing-event', payload(call));
  return call;
}

function connect() {
  $('answer').hidden = true;
  $('hangup').hidden = false;
  $('call-title').textContent = 'On a call';
  say('Connected to ' + other(call));
  post('zp-call-connected-event', payload(call));
}

async function dial(number) {
  if (typeof number !== 'string' || !number) return;
  $('call-title').textContent = 'Calling';
  say('Dialling ' + number + '…');
  if (await placeCall('outbound', number)) connect();
}

async function ringIn() {
  const number = $('incoming-number').value.trim();
  if (!number) return say("Type the caller's number first.");
  if (!(await placeCall('inbound', number))) return;
  $('call-title').textContent = 'Incoming call';
  // Zoom records the call as answered: it rings until Answer.
  $('answer').hidden = false;
  $('hangup').hidden = true;
  say('Incoming call from ' + number);
  if (config && config.enableContactMatching === false) return;
  matchRequest = 'match-' + call.callId;
  post('zp-contact-match-event', { requestId: matchRequest, phoneNumber: number });
}

function showMatches(data) {
  if (!data || (data.responseId && data.responseId !== matchRequest)) return;
  const contacts = Array.isArray(data.contacts) ? data.contacts : [];
  const items = contacts.map((contact) => Object.assign(document.createElement('li'), { textContent: String(contact.name || contact.displayName || 'Unnamed contact') }));
  $('matches').replaceChildren(...(items.length ? items : [Object.assign(document.createElement('li'), { textContent: 'Not in the app' })]));
}

function hangUp() {
  if (!call) return;
  post('zp-call-ended-event', payload(call, { result: 'answered', duration: CALL_SECONDS }));
  post('zp-call-log-completed-event', payload(call, { result: 'answered', duration: CALL_SECONDS }));
  loggedCall = call;
  call = null;
  $('notes-call').textContent = (loggedCall.direction === 'outbound' ? 'Call to ' : 'Call from ') + other(loggedCall) + ' · ' + CALL_SECONDS / 60 + ' min';
  $('disposition').value = '';
  $('notes').value = '';
  show('notes');
  say('Call ended');
}

function saveLog() {
  if (!loggedCall) return;
  post('zp-save-log-event', payload(loggedCall, { result: 'answered', duration: CALL_SECONDS, disposition: $('disposition').value.trim(), notes: $('notes').value }));
  say('Log saved');
}

function compose(number, message) {
  $('sms-to').value = typeof number === 'string' ? number : '';
  $('sms-body').value = typeof message === 'string' ? message : '';
  show('sms');
  say('New text message');
}

async function sendSms() {
  const user = signedIn();
  if (!user) return say('Sign in to Zoom Phone first.');
  const to = $('sms-to').value.trim();
  const body = $('sms-body').value;
  if (!to || !body.trim()) return say('Type a number and a message.');
  const sent = await control('/_sim/phone/sms', { userEmail: user.email, direction: 'outbound', counterpartNumber: to, body });
  // Without the simulator's SMS scenario there is no Zoom message id: the event still goes out, with one of our own.
  const messageId = (sent && sent.messageId) || 'sim-sms-' + Date.now().toString(36);
  post('zp-sms-log-event', { messageId, direction: 'outbound', from: { phoneNumber: user.phoneNumber }, to: { phoneNumber: to }, message: body, dateTime: new Date().toISOString() });
  show('idle');
  say('Text sent to ' + to);
}

window.addEventListener('message', (event) => {
  if (event.source !== window.parent || event.origin !== parentOrigin) return;
  const message = event.data || {};
  const data = message.data || {};
  if (message.type === 'zp-init-config') { config = data; say(signedIn() ? 'Ready' : 'Sign in to Zoom Phone to start.'); }
  else if (message.type === 'zp-make-call') dial(data.number);
  else if (message.type === 'zp-input-sms') compose(data.number, data.message);
  else if (message.type === 'zp-contact-match-response') showMatches(data);
});

$('user').addEventListener('change', () => { localStorage.setItem(USER_KEY, $('user').value); say(signedIn() ? 'Ready' : 'Signed out'); });
$('incoming').addEventListener('click', ringIn);
$('answer').addEventListener('click', connect);
$('hangup').addEventListener('click', hangUp);
$('save-log').addEventListener('click', saveLog);
$('notes-done').addEventListener('click', () => { loggedCall = null; show('idle'); say('Ready'); });
$('sms-send').addEventListener('click', sendSms);
$('sms-cancel').addEventListener('click', () => { show('idle'); say('Ready'); });

if (!parentOrigin || window.parent === window) {
  say('Open this page inside the app that embeds Zoom Phone.');
} else {
  fetch('/_sim/users').then((response) => response.json()).then((list) => {
    users = list.filter((user) => user.phoneNumber);
    $('user').append(...users.map((user) => new Option(user.email + ' (' + user.phoneNumber + ')', user.email)));
    $('user').value = users.some((user) => user.email === localStorage.getItem(USER_KEY)) ? localStorage.getItem(USER_KEY) : '';
    say(config ? (signedIn() ? 'Ready' : 'Sign in to Zoom Phone to start.') : 'Waiting for the app…');
  });
}
})();`;

/**
 * `GET /smart-embed`: a stand-in for Zoom Phone Smart Embed's iframe (DESIGN.md §3 "Softphone and SMS"). It answers
 * the app's messages as Zoom's iframe does, for the messages the app uses: `zp-init-config`; `zp-make-call` places a
 * real simulated outbound call for the signed-in Zoom user (so the phone.* webhooks carry the same call_id) and posts
 * ringing and connected, then ended and call-log-completed on Hang up, and a notes page posts `zp-save-log-event`;
 * "Incoming call" rings in with `zp-contact-match-event` and shows the app's answer; `zp-input-sms` opens a compose
 * whose Send posts `zp-sms-log-event`.
 *
 * The parent's origin is the `origin` query parameter when given (as some of Zoom's samples pass it), else the
 * origin of `document.referrer` (what a browser sends for a cross-origin iframe by default).
 */
export function smartEmbedPage(): Router {
  const router = Router();
  router.get('/smart-embed', (_request, response) => {
    response.send(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Zoom Phone (simulator)</title><style>${STYLE}</style></head><body>${BODY}<script>${SCRIPT}</script></body></html>`);
  });
  return router;
}
