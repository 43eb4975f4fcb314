// The booking page: sign-in (the shared /web/oidc-signin.js: OIDC Authorization Code flow with PKCE, as a public
// client), offers, booking, the booking's status live and its timeline, and the customer's own bookings. Needs
// /web/page.js. No framework, no build step.
'use strict';

const FINAL = new Set(['CONFIRMED', 'PAYMENT_DECLINED', 'FAILED_REFUNDED', 'CANCELLED', 'EXPIRED']);
const CANCELLABLE = new Set(['PENDING', 'CONFIRMED']);
// Steps keep arriving after the final status (ledger, email): the timeline is refreshed this long after it.
const TIMELINE_AFTER_FINAL_MS = 15000;
const TIMELINE_EVERY_MS = 1000;
const PAGE_SIZE = 5;

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const clock = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

let session;
let offers = [];
let chosenOffer;
let pendingIdempotencyKey;
let watch;
let bookingsPage = 0;

// ---- Sign-in (the shared /web/oidc-signin.js) ---------------------------------------------------------------------

const signInFlow = OidcSignIn.create({
  storageKey: 'flight-booking',
  path: '/',
});

function signOut() {
  stopWatching();
  session = null;
  signInFlow.signOut();
  render();
}

// ---- The API ---------------------------------------------------------------------------------------------------------

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
  renderAccount(session);
}

function defaultDate() {
  const date = new Date(Date.now() + 30 * 24 * 3600 * 1000);
  $('date').value = date.toISOString().slice(0, 10);
}

async function start() {
  session = signInFlow.readSession();
  defaultDate();
  $('sign-in').addEventListener('click', action($('sign-in'), signInFlow.signIn));
  $('sign-out').addEventListener('click', signOut);
  $('search-form').addEventListener('submit', action($('find-offers'), findOffers));
  $('book-form').addEventListener('submit', action($('book-offer'), book));
  $('refresh-bookings').addEventListener('click', action($('refresh-bookings'), () => loadBookings(bookingsPage)));
  // Not action(): loading a page decides which of these two stay enabled.
  $('newer-bookings').addEventListener('click', () => loadBookings(bookingsPage - 1).catch(showProblem));
  $('older-bookings').addEventListener('click', () => loadBookings(bookingsPage + 1).catch(showProblem));
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
      await loadBookings(0);
    }
  } catch (error) {
    render();
    showProblem(error);
  }
}

start();
