// A tiny test runner for the browser tests: Debian chromium driven by playwright-core,
// no test framework. Each test gets a fresh browser context and page; the runner fails a
// test on any console error, uncaught page error or Content-Security-Policy violation
// unless the test says it expects one (t.allowConsole(regexp)).
//
// Environment: CCREPO_URL (base URL of a running server, required), CCREPO_TEST_USER and
// CCREPO_TEST_PASSWORD (an account to sign in as, see signIn), CHROMIUM (browser
// binary, default /usr/bin/chromium), CCREPO_SCREENSHOTS (directory for t.screenshot;
// unset: screenshots are not taken), BROWSER_TEST_FILTER (run only tests whose name
// contains it), BROWSER_TEST_TIMEOUT (ms per test, default 25000).

import { chromium } from 'playwright-core';

const tests = [];

/* Register a test: fn(t) receives { page, context, base, url(path), allowConsole,
 * screenshot, errors }. */
export function test(name, fn) {
  tests.push({ name, fn });
}

export class AssertionError extends Error {}

export function assert(cond, msg) {
  if (!cond) throw new AssertionError(msg || 'assertion failed');
}

export function assertEqual(actual, expected, what) {
  if (actual !== expected)
    throw new AssertionError(`${what || 'value'}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

export function assertMatch(actual, re, what) {
  if (typeof actual !== 'string' || !re.test(actual))
    throw new AssertionError(`${what || 'value'}: ${JSON.stringify(actual)} does not match ${re}`);
}

/* Sign page in through the /signin form as CCREPO_TEST_USER (a curator made by run.sh):
 * the session cookie then goes with everything of page's context, including
 * page.request. Nothing is allowed by coming from the server's own machine. */
export async function signIn(page) {
  return signInAs(page, process.env.CCREPO_TEST_USER, process.env.CCREPO_TEST_PASSWORD);
}

/* Sign page in as Kenya's focal point (CCREPO_TEST_FP_USER, made by run.sh). */
export async function signInFocalPoint(page) {
  return signInAs(page, process.env.CCREPO_TEST_FP_USER, process.env.CCREPO_TEST_FP_PASSWORD);
}

/* Sign page in through the /signin form as user. */
export async function signInAs(page, user, password) {
  assert(user && password, 'the test account (CCREPO_TEST_*USER, *PASSWORD) is not set');
  const res = await page.goto('/signin');
  assert(res && res.status() === 200, `/signin: status ${res && res.status()}`);
  await page.getByLabel('User name').fill(user);
  await page.getByLabel('Password').fill(password);
  await Promise.all([page.waitForURL((u) => u.pathname !== '/signin'),
    page.getByRole('button', { name: 'Sign in' }).click()]);
  const me = await (await page.request.get('/api/v1/me')).json();
  assertEqual(me.username, user, 'signed in as');
}

/* The day n days from now, YYYY-MM-DD (UTC). */
export function inDays(n) {
  return new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);
}

/* A questionnaire campaign asking Kenya, opened by the curator with the form (in its own context, so
 * that the test's page signs in as whom it needs); its id. */
export async function openCampaign(t, title) {
  const context = await t.context.browser().newContext({ baseURL: t.base, locale: 'en-GB' });
  try {
    const page = await context.newPage();
    await signIn(page);
    const res = await page.goto('/campaigns');
    assertEqual(res && res.status(), 200, 'status of /campaigns');
    await page.getByLabel('Title', { exact: true }).fill(title);
    await page.getByLabel('Deadline').fill(inDays(30));
    await page.getByLabel('A list of countries').check();
    await page.getByLabel('Countries asked').fill('KE');
    await Promise.all([page.waitForURL(/\/campaigns\/\d+$/),
      page.getByRole('button', { name: 'Open the campaign' }).click()]);
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    assert(id > 0, `no campaign id in ${page.url()}`);
    return id;
  } finally {
    await context.close();
  }
}

/* Chromium's flags for this machine: no sandbox (root), no GPU, and no background
 * connections to Google, which the closed network refuses. */
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
];

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/* Run every registered test; print one line per test and the closing summary line
 * "browser: P passed, F failed, S skipped". Returns the number of failures. */
export async function run() {
  const base = (process.env.CCREPO_URL || '').replace(/\/$/, '');
  const filter = process.env.BROWSER_TEST_FILTER || '';
  const perTest = Number(process.env.BROWSER_TEST_TIMEOUT || 25000);
  let passed = 0, failed = 0, skipped = 0;

  if (!base) {
    console.log(`browser: 0 passed, 0 failed, ${tests.length} skipped (CCREPO_URL not set)`);
    return 0;
  }

  const fs = await import('node:fs');
  const path = await import('node:path');
  // playwright gives chromium a new, empty profile directory of its own (it refuses
  // --user-data-dir in launch()) and removes it on close.
  let browser;
  try {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
      timeout: 20000,
    });
  } catch (e) {
    console.log(`chromium did not start: ${e.message.split('\n')[0]}`);
    console.log(`browser: 0 passed, ${tests.length} failed, 0 skipped`);
    return tests.length;
  }

  for (const { name, fn } of tests) {
    if (filter && !name.includes(filter)) { skipped++; continue; }
    const started = Date.now();
    const context = await browser.newContext({ baseURL: base, locale: 'en-GB' });
    context.setDefaultTimeout(5000);
    context.setDefaultNavigationTimeout(10000);
    const errors = [];
    const allowed = [];
    // CSP violations: the event fires in the page; an exposed binding reports it back
    // (init scripts and bindings go through the DevTools protocol, not through CSP).
    await context.exposeBinding('__ccrepoCsp', ({ page }, v) => {
      errors.push(`CSP violation on ${page.url()}: ${v}`);
    });
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        // eslint-disable-next-line no-undef
        window.__ccrepoCsp(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'}`);
      });
    });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() !== 'error' && !/Content.Security.Policy/i.test(m.text())) return;
      const from = m.location() && m.location().url;
      // Chromium asks for /favicon.ico by itself, once per browser rather than per page,
      // so whether its 404 shows up depends on test order; a test of its own checks it.
      if (from && new URL(from, base).pathname === '/favicon.ico') return;
      errors.push(`console ${m.type()} on ${page.url()}: ${m.text()}${from && from !== page.url() ? ` (${from})` : ''}`);
    });
    page.on('pageerror', (e) => errors.push(`page error on ${page.url()}: ${e.message}`));
    const t = {
      page, context, base, errors,
      url: (p) => base + p,
      allowConsole: (re) => allowed.push(re),
      async screenshot(file, opts = {}) {
        const dir = process.env.CCREPO_SCREENSHOTS;
        if (!dir) return null;
        fs.mkdirSync(dir, { recursive: true });
        const out = path.join(dir, file);
        await page.screenshot({ path: out, ...opts });
        return out;
      },
    };
    let err = null;
    try {
      await withTimeout(fn(t), perTest, 'test');
      const left = errors.filter((e) => !allowed.some((re) => re.test(e)));
      if (left.length) err = new AssertionError(left.join('\n      '));
    } catch (e) {
      err = e;
    }
    await context.close().catch(() => {});
    const ms = Date.now() - started;
    if (err) {
      failed++;
      const msg = (err instanceof AssertionError ? err.message : (err.stack || String(err)))
        .split('\n').slice(0, 8).join('\n      ');
      console.log(`not ok - ${name} (${ms} ms)\n      ${msg}`);
    } else {
      passed++;
      console.log(`ok - ${name} (${ms} ms)`);
    }
  }
  await browser.close().catch(() => {});
  console.log(`browser: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  return failed;
}
