// The booking page: sign-in (OIDC Authorization Code flow with PKCE, as a public client), offers, booking, the
// booking's status live and its timeline, and the customer's own bookings. No framework, no build step.
'use strict';

const FINAL = new Set(['CONFIRMED', 'PAYMENT_DECLINED', 'FAILED_REFUNDED', 'CANCELLED', 'EXPIRED']);
const CANCELLABLE = new Set(['PENDING', 'CONFIRMED']);
// Steps keep arriving after the final status (ledger, email): the timeline is refreshed this long after it.
const TIMELINE_AFTER_FINAL_MS = 15000;
const TIMELINE_EVERY_MS = 1000;
const PAGE_SIZE = 5;
// Only the sign-in's verifier and the session's token live in sessionStorage (this tab only, gone when it closes).
const SESSION_KEY = 'flight-booking.session';
const SIGN_IN_KEY = 'flight-booking.sign-in';

const $ = (id) => document.getElementById(id);
const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const clock = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

let settings;
let provider;
let session = readSession();
let offers = [];
let chosenOffer;
let pendingIdempotencyKey;
let watch;
let bookingsPage = 0;

class ApiProblem extends Error {
  constructor(status, problem) {
    super(problem.title || `The request failed (${status})`);
    this.status = status;
    this.problem = problem;
  }
}

// ---- Sign-in -------------------------------------------------------------------------------------------------------

function readSession() {
  try {
    const stored = JSON.parse(sessionStorage.getItem(SESSION_KEY));
    return stored && stored.expiresAt > Date.now() ? stored : null;
  } catch {
    return null;
  }
}

function base64url(bytes) {
  let text = '';
  bytes.forEach((byte) => { text += String.fromCharCode(byte); });
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomText(length) {
  return base64url(crypto.getRandomValues(new Uint8Array(length)));
}

async function challengeOf(verifier) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

function redirectUri() {
  return `${location.origin}/`;
}

async function loadProvider() {
  const answer = await fetch('/web/config', { headers: { Accept: 'application/json' } });
  if (!answer.ok) {
    throw new ApiProblem(answer.status, await problemOf(answer));
  }
  settings = await answer.json();
  const discovery = await fetch(`${settings.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!discovery.ok) {
    throw new ApiProblem(discovery.status, { title: 'The sign-in service is not available' });
  }
  provider = await discovery.json();
}

async function signIn() {
  const verifier = randomText(32);
  const state = randomText(16);
  sessionStorage.setItem(SIGN_IN_KEY, JSON.stringify({ verifier, state }));
  const url = new URL(provider.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: settings.clientId,
    redirect_uri: redirectUri(),
    scope: settings.scope,
    state,
    code_challenge: await challengeOf(verifier),
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

// Back from the provider with ?code=…&state=…: the code is exchanged at once and taken out of the address bar.
async function completeSignIn(query) {
  history.replaceState(null, '', '/');
  const started = JSON.parse(sessionStorage.getItem(SIGN_IN_KEY) || 'null');
  sessionStorage.removeItem(SIGN_IN_KEY);
  if (query.has('error')) {
    throw new ApiProblem(401, { title: 'Sign-in did not succeed', detail: query.get('error_description') || query.get('error') });
  }
  if (!started || started.state !== query.get('state')) {
    throw new ApiProblem(401, { title: 'Sign-in did not succeed', detail: 'The answer from the sign-in service does not match this page. Please sign in again.' });
  }
  const answer = await fetch(provider.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: query.get('code'),
      redirect_uri: redirectUri(),
      client_id: settings.clientId,
      code_verifier: started.verifier,
    }),
  });
  const tokens = await answer.json();
  if (!answer.ok || !tokens.access_token) {
    throw new ApiProblem(answer.status, { title: 'Sign-in did not succeed', detail: tokens.error_description || tokens.error });
  }
  session = {
    token: tokens.access_token,
    expiresAt: Date.now() + (tokens.expires_in || 300) * 1000,
    name: displayName(tokens.id_token || tokens.access_token),
  };
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
}

function displayName(jwt) {
  try {
    const claims = JSON.parse(atob(jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    return claims.preferred_username || claims.name || claims.sub;
  } catch {
    return null;
  }
}

function signOut() {
  stopWatching();
  session = null;
  sessionStorage.removeItem(SESSION_KEY);
  render();
}

// ---- The API ---------------------------------------------------------------------------------------------------------

async function problemOf(answer) {
  try {
    return await answer.json();
  } catch {
    return { title: `The request failed (${answer.status})` };
  }
}

async function api(path, options = {}) {
  if (!session) {
    throw new ApiProblem(401, { title: 'Please sign in again' });
  }
  const answer = await fetch(path, {
    ...options,
    headers: { Accept: 'application/json', ...options.headers, Authorization: `Bearer ${session.token}` },
  });
  if (answer.status === 401) {
    signOut();
    throw new ApiProblem(401, { title: 'Your session has ended', detail: 'Please sign in again.' });
  }
  if (!answer.ok) {
    throw new ApiProblem(answer.status, await problemOf(answer));
  }
  return answer;
}

function showProblem(error) {
  const box = $('problem');
  box.replaceChildren();
  const title = document.createElement('strong');
  title.textContent = error instanceof ApiProblem ? error.problem.title || error.message : 'Something went wrong';
  box.append(title);
  const detail = error instanceof ApiProblem ? error.problem.detail : error.message;
  if (detail) {
    box.append(document.createTextNode(`: ${detail}`));
  }
  const fields = error instanceof ApiProblem && Array.isArray(error.problem.errors) ? error.problem.errors : [];
  if (fields.length) {
    const list = document.createElement('ul');
    fields.forEach((field) => {
      const item = document.createElement('li');
      item.textContent = `${field.field}: ${field.message}`;
      list.append(item);
    });
    box.append(list);
  }
  box.hidden = false;
}

function clearProblem() {
  $('problem').hidden = true;
  $('problem').replaceChildren();
}

// Runs a user action: one problem box for whatever it ends with, and its button off while it runs.
function action(button, work) {
  return async (event) => {
    event.preventDefault();
    clearProblem();
    button.disabled = true;
    try {
      await work(event);
    } catch (error) {
      showProblem(error);
    } finally {
      button.disabled = false;
    }
  };
}

// ---- Offers and booking ----------------------------------------------------------------------------------------------

function flightText(flight) {
  return `${flight.number} ${flight.origin} → ${flight.destination}, ${when.format(new Date(flight.departureTime))} UTC`;
}

function money(price) {
  return `${Number(price.amount).toFixed(2)} ${price.currency}`;
}

function cabinText(cabin) {
  return cabin ? cabin.charAt(0) + cabin.slice(1).toLowerCase().replace('_', ' ') : '';
}

async function findOffers() {
  const form = $('search-form');
  if (!form.reportValidity()) {
    return;
  }
  const query = new URLSearchParams({
    origin: $('origin').value.trim().toUpperCase(),
    destination: $('destination').value.trim().toUpperCase(),
    date: $('date').value,
    cabin: $('cabin').value,
  });
  offers = (await (await api(`/offers?${query}`)).json()).offers;
  chosenOffer = null;
  $('book').hidden = true;
  const list = $('offer-list');
  list.replaceChildren(...offers.map((offer) => {
    const item = document.createElement('li');
    const label = document.createElement('label');
    label.className = 'offer';
    const radio = document.createElement('input');
    radio.type = 'radio';
    radio.name = 'offer';
    radio.value = offer.id;
    radio.dataset.flight = offer.flight.number;
    radio.addEventListener('change', () => chooseOffer(offer));
    const what = document.createElement('span');
    what.textContent = `${flightText(offer.flight)} · ${cabinText(offer.cabin)}`;
    const price = document.createElement('span');
    price.className = 'price';
    price.textContent = money(offer.price);
    label.append(radio, what, price);
    item.append(label);
    return item;
  }));
  $('offers-empty').hidden = offers.length > 0;
  $('offer-choice').hidden = offers.length === 0;
  $('offers').hidden = false;
}

function chooseOffer(offer) {
  chosenOffer = offer;
  pendingIdempotencyKey = null;
  $('chosen-offer').textContent = `${flightText(offer.flight)}, ${cabinText(offer.cabin)}, ${money(offer.price)}`;
  $('book').hidden = false;
}

async function book() {
  if (!chosenOffer) {
    throw new ApiProblem(400, { title: 'Choose an offer first' });
  }
  if (!$('book-form').reportValidity()) {
    return;
  }
  // The same key for a retry after a lost answer, so the booking is made once; a new one for each new booking.
  pendingIdempotencyKey = pendingIdempotencyKey || crypto.randomUUID();
  let answer;
  try {
    answer = await api('/bookings', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': pendingIdempotencyKey },
      body: JSON.stringify({
        offerId: chosenOffer.id,
        passenger: { name: $('passenger-name').value.trim(), email: $('passenger-email').value.trim() },
        paymentToken: $('payment-token').value.trim(),
      }),
    });
  } catch (error) {
    if (error instanceof ApiProblem) {
      pendingIdempotencyKey = null;
    }
    throw error;
  }
  pendingIdempotencyKey = null;
  const booking = await answer.json();
  chosenOffer = null;
  $('book').hidden = true;
  $('offers').hidden = true;
  follow(booking);
  loadBookings(0).catch(showProblem);
}

// ---- Following one booking -----------------------------------------------------------------------------------------

function stopWatching() {
  if (watch) {
    watch.abort.abort();
    clearInterval(watch.timer);
    watch = null;
  }
}

function follow(booking) {
  stopWatching();
  watch = { id: booking.id, abort: new AbortController(), status: null, finalAt: null };
  $('watched-flight').textContent = `${flightText(booking.flight)} · ${money(booking.fare)}`;
  $('timeline').replaceChildren();
  $('watch').hidden = false;
  showStatus(booking);
  const current = watch;
  readStatusStream(current).catch((error) => {
    if (error.name !== 'AbortError') {
      current.streamFailed = true;
      showProblem(error);
    }
  });
  current.timer = setInterval(() => refreshTimeline(current), TIMELINE_EVERY_MS);
  refreshTimeline(current);
  $('watch').scrollIntoView({ block: 'nearest' });
}

function showStatus(update) {
  if (!watch || (update.status === watch.status && (!update.recordLocator || update.recordLocator === watch.recordLocator))) {
    return;
  }
  watch.status = update.status;
  watch.recordLocator = update.recordLocator;
  const status = $('booking-status');
  status.className = `status ${update.status}`;
  status.textContent = update.recordLocator ? `${update.status} (record locator ${update.recordLocator})` : update.status;
  const reason = $('booking-reason');
  reason.textContent = update.statusReason || '';
  reason.hidden = !update.statusReason;
  if (FINAL.has(update.status)) {
    watch.finalAt = Date.now();
    refreshTimeline(watch);
    loadBookings(bookingsPage).catch(showProblem);
  }
}

// Server-Sent Events read with fetch: EventSource cannot send the Authorization header.
async function readStatusStream(current) {
  while (watch === current && !current.finalAt) {
    const answer = await api(`/bookings/${current.id}/status-stream`, {
      headers: { Accept: 'text/event-stream' },
      signal: current.abort.signal,
    });
    const reader = answer.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        break;
      }
      buffered += value;
      const events = buffered.split(/\r?\n\r?\n/);
      buffered = events.pop();
      events.forEach((event) => {
        const data = event.split(/\r?\n/).filter((line) => line.startsWith('data:'))
          .map((line) => line.slice(5).replace(/^ /, '')).join('\n');
        if (data && watch === current) {
          showStatus(JSON.parse(data));
        }
      });
    }
  }
}

async function refreshTimeline(current) {
  if (watch !== current) {
    return;
  }
  if (current.finalAt && Date.now() - current.finalAt > TIMELINE_AFTER_FINAL_MS) {
    return;
  }
  try {
    const timeline = await (await api(`/bookings/${current.id}/timeline`, { signal: current.abort.signal })).json();
    if (watch !== current) {
      return;
    }
    // The stream tells the status, with its record locator or reason; without it, the timeline has to do.
    if (current.streamFailed) {
      showStatus(timeline);
    }
    $('timeline').replaceChildren(...timeline.steps.map((step) => {
      const item = document.createElement('li');
      const at = document.createElement('time');
      at.dateTime = step.at;
      at.textContent = clock.format(new Date(step.at));
      item.append(at, document.createTextNode(` ${step.outcome || step.step}`));
      return item;
    }));
  } catch (error) {
    if (error.name !== 'AbortError' && watch === current) {
      stopWatching();
      showProblem(error);
    }
  }
}

// ---- My bookings -----------------------------------------------------------------------------------------------------

async function loadBookings(page) {
  const list = await (await api(`/bookings?page=${page}&size=${PAGE_SIZE}`)).json();
  bookingsPage = page;
  $('booking-list').replaceChildren(...list.items.map(bookingItem));
  $('bookings-empty').hidden = list.items.length > 0 || page > 0;
  $('newer-bookings').disabled = page === 0;
  $('older-bookings').disabled = !list.next;
}

function bookingItem(booking) {
  const item = document.createElement('li');
  item.dataset.bookingId = booking.id;
  const what = document.createElement('div');
  what.className = 'what';
  const flight = document.createElement('div');
  flight.textContent = `${flightText(booking.flight)} · ${money(booking.fare)}`;
  const status = document.createElement('div');
  status.className = `status ${booking.status}`;
  status.dataset.status = booking.status;
  status.textContent = booking.recordLocator ? `${booking.status} (${booking.recordLocator})` : booking.status;
  what.append(flight, status);
  const buttons = document.createElement('div');
  buttons.className = 'buttons';
  const followButton = document.createElement('button');
  followButton.type = 'button';
  followButton.className = 'secondary follow';
  followButton.textContent = 'Follow';
  followButton.setAttribute('aria-label', `Follow booking ${booking.flight.number}, ${when.format(new Date(booking.flight.departureTime))}`);
  followButton.addEventListener('click', () => {
    clearProblem();
    follow(booking);
  });
  buttons.append(followButton);
  if (CANCELLABLE.has(booking.status)) {
    const cancel = document.createElement('button');
    cancel.type = 'button';
    cancel.className = 'cancel';
    cancel.textContent = 'Cancel';
    cancel.setAttribute('aria-label', `Cancel booking ${booking.flight.number}, ${when.format(new Date(booking.flight.departureTime))}`);
    cancel.addEventListener('click', action(cancel, () => cancelBooking(booking)));
    buttons.append(cancel);
  }
  item.append(what, buttons);
  return item;
}

async function cancelBooking(booking) {
  const cancelled = await (await api(`/bookings/${booking.id}/cancel`, { method: 'POST' })).json();
  $('bookings-announcer').textContent = `Booking ${cancelled.flight.number} is ${cancelled.status}.`;
  if (watch && watch.id === cancelled.id) {
    showStatus(cancelled);
  }
  await loadBookings(bookingsPage);
}

// ---- The page ------------------------------------------------------------------------------------------------------

function render() {
  const signedIn = Boolean(session);
  $('sign-in').hidden = signedIn;
  $('sign-out').hidden = !signedIn;
  $('who').hidden = !signedIn;
  $('who').textContent = signedIn && session.name ? `Signed in as ${session.name}` : '';
  $('welcome').hidden = signedIn;
  $('signed-in').hidden = !signedIn;
}

function defaultDate() {
  const date = new Date(Date.now() + 30 * 24 * 3600 * 1000);
  $('date').value = date.toISOString().slice(0, 10);
}

async function start() {
  defaultDate();
  $('sign-in').addEventListener('click', action($('sign-in'), signIn));
  $('sign-out').addEventListener('click', signOut);
  $('search-form').addEventListener('submit', action($('find-offers'), findOffers));
  $('book-form').addEventListener('submit', action($('book-offer'), book));
  $('refresh-bookings').addEventListener('click', action($('refresh-bookings'), () => loadBookings(bookingsPage)));
  // Not action(): loading a page decides which of these two stay enabled.
  $('newer-bookings').addEventListener('click', () => loadBookings(bookingsPage - 1).catch(showProblem));
  $('older-bookings').addEventListener('click', () => loadBookings(bookingsPage + 1).catch(showProblem));
  render();
  try {
    await loadProvider();
    const query = new URLSearchParams(location.search);
    if (query.has('code') || query.has('error')) {
      await completeSignIn(query);
      render();
      $('main').focus();
    }
    $('sign-in').disabled = false;
    if (session) {
      await loadBookings(0);
    }
  } catch (error) {
    render();
    showProblem(error);
  }
}

start();
