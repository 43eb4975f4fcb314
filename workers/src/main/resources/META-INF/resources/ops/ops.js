// The ops page: consumer rates, in-flight and DLQ depth per role, the outbox's backlog and lag (GET /admin/overview),
// a role's dead-letter queue with the reasons, and redrive by booking or by bounded batch (the /admin/dlq API).
// Role ops only: the API refuses anyone else. Needs /web/page.js and /web/oidc-signin.js. No framework, no build step.
'use strict';

const POLL_MS = 5000;
const number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
const clock = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

const signInFlow = OidcSignIn.create({
  storageKey: 'flight-booking-ops',
  path: '/ops/',
});

let session;
// Signed in, but not as an operator: the API answered 403, so the operators' part stays hidden.
let refused = false;
let previous;
let poller;

function signOut() {
  clearInterval(poller);
  session = null;
  refused = false;
  previous = null;
  signInFlow.signOut();
  render();
}

async function api(path, options = {}) {
  const answer = await fetch(path, {
    ...options,
    headers: { Accept: 'application/json', Authorization: `Bearer ${session.token}` },
  });
  if (answer.status === 401) {
    signOut();
    throw new ApiProblem(401, { title: 'Your session has ended', detail: 'Please sign in again.' });
  }
  if (answer.status === 403) {
    refused = true;
    render();
    throw new ApiProblem(403, { title: 'Not allowed', detail: 'This page is for operators (role ops).' });
  }
  if (!answer.ok) {
    throw new ApiProblem(answer.status, await problemOf(answer));
  }
  return answer.json();
}

// ---- Overview ------------------------------------------------------------------------------------------------------

function figure(value) {
  return value === null || value === undefined ? '–' : number.format(value);
}

function rate(role, field, now) {
  const before = previous && previous.roles.find((r) => r.role === role.role);
  if (!before) {
    return '–';
  }
  const seconds = (now.readAtMillis - previous.readAtMillis) / 1000;
  return seconds > 0 ? number.format((role[field] - before[field]) / seconds) : '–';
}

function cell(text, header) {
  const td = document.createElement(header ? 'th' : 'td');
  if (header) {
    td.scope = 'row';
  }
  td.textContent = text;
  return td;
}

async function refreshOverview() {
  const now = await api('/admin/overview');
  $('roles').tBodies[0].replaceChildren(...now.roles.map((role) => {
    const row = document.createElement('tr');
    row.dataset.role = role.role;
    row.append(cell(role.role, true), cell(rate(role, 'handled', now)), cell(rate(role, 'failed', now)),
      cell(rate(role, 'deadLettered', now)), cell(figure(role.inFlight)), cell(figure(role.deadLetterDepth)));
    row.lastChild.className = 'dlq-depth';
    return row;
  }));
  $('outbox-pending').textContent = figure(now.outbox.pending);
  $('outbox-age').textContent = figure(now.outbox.oldestPendingAgeSeconds);
  $('read-at').textContent = `last read ${clock.format(new Date(now.readAtMillis))}`;
  const select = $('dlq-role');
  if (!select.options.length) {
    select.replaceChildren(...now.roles.map((role) => new Option(role.role, role.role)));
  }
  previous = now;
}

// ---- Dead letters --------------------------------------------------------------------------------------------------

function dlqPath(suffix, parameters) {
  const query = new URLSearchParams(parameters);
  return `/admin/dlq/${encodeURIComponent($('dlq-role').value)}${suffix}?${query}`;
}

function messageItem(message) {
  const item = document.createElement('li');
  item.dataset.bookingId = message.bookingId || '';
  const summary = document.createElement('p');
  summary.textContent = `${message.eventType || 'unknown type'} of booking ${message.bookingId || 'unknown'}`
    + ` after ${message.deliveries ?? '?'} deliveries: ${message.reason}`;
  const body = document.createElement('details');
  const label = document.createElement('summary');
  label.textContent = `Message ${message.messageId} (personal data redacted)`;
  const text = document.createElement('pre');
  text.textContent = message.body;
  body.append(label, text);
  item.append(summary, body);
  if (message.bookingId) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'redrive-booking';
    button.textContent = `Redrive booking ${message.bookingId}`;
    button.addEventListener('click', action(button, () => redrive({ bookingId: message.bookingId })));
    item.append(button);
  }
  return item;
}

async function listDeadLetters() {
  const parameters = { limit: $('dlq-limit').value };
  if ($('dlq-booking').value.trim()) {
    parameters.bookingId = $('dlq-booking').value.trim();
  }
  const page = await api(dlqPath('', parameters));
  $('dlq-messages').replaceChildren(...page.messages.map(messageItem));
  $('dlq-summary').textContent = `${page.messages.length} shown of about ${page.approximateDepth} in the queue`
    + (page.moreMayExist ? '; more may exist (SQS cannot page: list again or redrive to see others).' : '.');
}

async function redrive(parameters) {
  const result = await api(dlqPath('/redrive', parameters), { method: 'POST' });
  const left = result.moreMayExist ? 'more may be left' : 'nothing more matched';
  const problems = result.notDeleted.length + result.notSent.length;
  $('redrive-result').textContent = `Moved ${result.moved} message(s)`
    + `${result.messages.length ? ` (bookings ${[...new Set(result.messages.map((m) => m.bookingId))].join(', ')})` : ''}`
    + `; ${left}; about ${result.approximateDepthAfter} still in the queue`
    + (problems ? `; ${problems} not moved (see the API answer)` : '') + '.';
  await Promise.all([listDeadLetters(), refreshOverview()]);
}

// ---- Page ----------------------------------------------------------------------------------------------------------

function render() {
  renderAccount(session);
  $('signed-in').hidden = !session || refused;
}

async function showOverview() {
  await refreshOverview();
  poller = setInterval(() => refreshOverview().catch((error) => {
    clearInterval(poller);
    showProblem(error);
  }), POLL_MS);
}

async function start() {
  session = signInFlow.readSession();
  $('sign-in').addEventListener('click', action($('sign-in'), signInFlow.signIn));
  $('sign-out').addEventListener('click', signOut);
  $('dlq-form').addEventListener('submit', action($('list-dlq'), listDeadLetters));
  $('redrive-form').addEventListener('submit', action($('redrive-batch-button'),
    () => redrive({ max: $('redrive-max').value, batchSize: $('redrive-batch').value })));
  render();
  try {
    const resumed = await signInFlow.resume();
    session = resumed.session;
    render();
    if (resumed.justSignedIn) {
      $('main').focus();
    }
    $('sign-in').disabled = false;
    if (session) {
      await showOverview();
    }
  } catch (error) {
    render();
    showProblem(error);
  }
}

start();
