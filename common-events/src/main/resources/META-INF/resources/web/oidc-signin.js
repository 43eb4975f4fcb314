// Sign-in shared by the apps' web pages (booking-api's booking page, the workers' ops page): the OIDC Authorization
// Code flow with PKCE as a public client, against the provider named by the app's GET /web/config. Only the sign-in's
// verifier and the session's token live in sessionStorage (this tab only, gone when it closes). Needs /web/page.js.
'use strict';

// eslint-disable-next-line no-unused-vars
const OidcSignIn = (() => {
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

  function claimsOf(jwt) {
    try {
      return JSON.parse(atob(jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    } catch {
      return {};
    }
  }

  // page: { storageKey (sessionStorage key prefix), path (where the provider sends the person back) }
  function create(page) {
    const sessionKey = `${page.storageKey}.session`;
    const signInKey = `${page.storageKey}.sign-in`;
    const redirectUri = () => `${location.origin}${page.path}`;
    let settings;
    let provider;

    function readSession() {
      try {
        const stored = JSON.parse(sessionStorage.getItem(sessionKey));
        return stored && stored.expiresAt > Date.now() ? stored : null;
      } catch {
        return null;
      }
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
      sessionStorage.setItem(signInKey, JSON.stringify({ verifier, state }));
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
      history.replaceState(null, '', page.path);
      const started = JSON.parse(sessionStorage.getItem(signInKey) || 'null');
      sessionStorage.removeItem(signInKey);
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
      const claims = claimsOf(tokens.id_token || tokens.access_token);
      const session = {
        token: tokens.access_token,
        expiresAt: Date.now() + (tokens.expires_in || 300) * 1000,
        name: claims.preferred_username || claims.name || claims.sub || null,
      };
      sessionStorage.setItem(sessionKey, JSON.stringify(session));
      return session;
    }

    function signOut() {
      sessionStorage.removeItem(sessionKey);
    }

    // On load: the provider's endpoints, then the session, new when the address carries the provider's answer.
    async function resume() {
      await loadProvider();
      const query = new URLSearchParams(location.search);
      if (query.has('code') || query.has('error')) {
        return { session: await completeSignIn(query), justSignedIn: true };
      }
      return { session: readSession(), justSignedIn: false };
    }

    return { readSession, resume, signIn, signOut };
  }

  return { create };
})();
