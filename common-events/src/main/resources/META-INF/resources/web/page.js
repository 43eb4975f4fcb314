// What the apps' web pages (booking-api's booking page, the workers' ops page) share besides the sign-in: the API's
// problems shown in the page's alert box, user actions, and the signed-in bar. Loaded before the page's own script.
'use strict';

const $ = (id) => document.getElementById(id);

class ApiProblem extends Error {
  constructor(status, problem) {
    super(problem.title || `The request failed (${status})`);
    this.status = status;
    this.problem = problem;
  }
}

async function problemOf(answer) {
  try {
    return await answer.json();
  } catch {
    return { title: `The request failed (${answer.status})` };
  }
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

// The bar and the page's two states: signed out (#welcome) and signed in (#signed-in).
function renderAccount(session) {
  const signedIn = Boolean(session);
  $('sign-in').hidden = signedIn;
  $('sign-out').hidden = !signedIn;
  $('who').hidden = !signedIn;
  $('who').textContent = signedIn && session.name ? `Signed in as ${session.name}` : '';
  $('welcome').hidden = signedIn;
  $('signed-in').hidden = !signedIn;
}
