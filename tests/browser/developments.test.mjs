// Browser tests of the developments (src/web/developments.c): the page in Chromium has
// its feed in the head (<link rel="alternate" type="application/atom+xml">), the Arabic
// page is right to left, the feed's address fetched by the browser is an Atom document
// (parsed by the browser's own XML parser), and a signed-in account makes a private
// feed address that the browser can fetch too.

import { test, run, assert, assertEqual, assertMatch, signIn } from './lib.mjs';

const ATOM = 'http://www.w3.org/2005/Atom';

// Fetch url from the page and parse it with the browser's DOMParser.
async function fetchFeed(page, url) {
  return page.evaluate(async (u) => {
    const r = await fetch(u);
    const text = await r.text();
    const doc = new DOMParser().parseFromString(text, 'application/xml');
    const root = doc.documentElement;
    return {
      status: r.status,
      type: r.headers.get('content-type'),
      ns: root.namespaceURI,
      name: root.localName,
      lang: root.getAttribute('xml:lang'),
      error: doc.getElementsByTagName('parsererror').length,
      id: (root.getElementsByTagNameNS('http://www.w3.org/2005/Atom', 'id')[0] || {}).textContent,
    };
  }, url);
}

test('developments: the page links its Atom feed, which the browser reads as XML', async (t) => {
  const { page } = t;
  const res = await page.goto('/developments');
  assertEqual(res.status(), 200, 'status of /developments');
  assertMatch(await page.locator('h1').innerText(), /Developments/, 'h1');
  const link = page.locator('head link[rel="alternate"][type="application/atom+xml"]');
  assertEqual(await link.count(), 1, 'alternate links in the head');
  const href = await link.getAttribute('href');
  assertMatch(href, /^\/feeds\/developments\.atom\?/, 'the feed address');
  const feed = await fetchFeed(page, href);
  assertEqual(feed.status, 200, 'status of the feed');
  assertMatch(feed.type, /^application\/atom\+xml/, 'content type of the feed');
  assertEqual(feed.error, 0, 'parse errors of the feed');
  assertEqual(feed.ns, ATOM, 'namespace of the root');
  assertEqual(feed.name, 'feed', 'root element');
  assertEqual(feed.lang, 'en', 'xml:lang of the feed');
  assertMatch(feed.id, /^tag:/, 'the feed id');
  // the visible link goes to the same feed
  assertEqual(await page.locator('a.feed').getAttribute('href'), href, 'the visible feed link');
  // the country profile links its own feed
  await page.goto('/countries/KE');
  assertMatch(await page.locator('head link[rel="alternate"]').getAttribute('href'),
    /country=KE/, "the country's feed");
});

test('developments: the Arabic page is right to left, its feed in Arabic', async (t) => {
  const { page } = t;
  await page.goto('/developments?lang=ar');
  assertEqual(await page.evaluate(() => document.documentElement.dir), 'rtl', 'dir');
  assertEqual(await page.evaluate(() => document.documentElement.lang), 'ar', 'lang');
  const href = await page.locator('head link[rel="alternate"]').getAttribute('href');
  assertMatch(href, /lang=ar/, 'the feed keeps the language');
  const feed = await fetchFeed(page, href);
  assertEqual(feed.error, 0, 'parse errors');
  assertEqual(feed.lang, 'ar', 'xml:lang of the Arabic feed');
});

test('developments: a signed-in account makes a private feed address', async (t) => {
  const { page } = t;
  await signIn(page);
  await page.goto('/developments');
  await Promise.all([page.waitForNavigation(),
    page.getByRole('button', { name: 'Make a private feed address' }).click()]);
  const url = await page.locator('#private-feed-url').innerText();
  assertMatch(url, /\/feeds\/developments\.atom\?.*token=ccr_/, 'the private address');
  const feed = await fetchFeed(page, new URL(url).pathname + new URL(url).search);
  assertEqual(feed.status, 200, 'status of the private feed');
  assertEqual(feed.error, 0, 'parse errors of the private feed');
  assertEqual(feed.ns, ATOM, 'namespace');
  // the token is on the account's tokens page, where it can be revoked
  await page.goto('/account/tokens');
  assert((await page.locator('td', { hasText: 'Developments feed' }).count()) >= 1,
    'the feed token is listed');
});

process.exitCode = (await run()) ? 1 : 0;
