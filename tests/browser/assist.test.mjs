// Browser tests of the technical assistance pages (src/web/assist*.c): a curator asks
// for assistance for Kenya with the form, offers assistance, moves the request to
// assessed, reads the suggestion with its reasons written out and confirms the match;
// the timeline, the match and the funding gap show on the request page; the Arabic
// page is right to left. Kenya's focal point then reads the request and may withdraw it
// but not assess it.

import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { test, run, assert, assertEqual, assertMatch, signIn, signInFocalPoint } from './lib.mjs';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// axe-core's violations on the page (put in with page.evaluate: the pages' CSP refuses
// script tags), as lines.
async function axe(page) {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ` +
      v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', '));
  });
}

test('assistance: a request through the forms, a match confirmed, the gap, Arabic', async (t) => {
  const { page } = t;
  const stamp = Date.now().toString(36);
  const title = `Forensics lab ${stamp}`;
  await signIn(page);

  // an offer on the topic, by the curator for the test organisation
  let res = await page.goto('/assistance/offers');
  assertEqual(res && res.status(), 200, 'status of /assistance/offers');
  await page.getByLabel('Organisation').fill('Browser tests');
  await page.getByLabel('Title', { exact: true }).fill(`GLACY ${stamp}`);
  await page.locator('input[name="topics"][value="digital-forensics"]').check();
  await page.getByLabel('Languages').fill('en,fr');
  await page.locator('input[name="modes"][value="in_person"]').check();
  await page.getByLabel('Activities a year').fill('3');
  await Promise.all([page.waitForURL(/\/assistance\/offers$/),
    page.getByRole('button', { name: 'Offer', exact: true }).click()]);
  assert(await page.getByText(`GLACY ${stamp}`).count() > 0, 'the offer is listed');

  // the request (its errors are the integration test's: a 400 is a console error here)
  res = await page.goto('/assistance');
  assertEqual(res && res.status(), 200, 'status of /assistance');
  await page.locator('#r-country').selectOption('KE');
  await page.locator('#r-title').fill(title);
  await page.locator('#r-topic').selectOption('digital-forensics');
  await page.getByLabel('Beneficiary institution').fill('DCI Cyber Unit');
  await page.locator('#r-languages').fill('en');
  await page.getByLabel('Budget currency').fill('EUR');
  await page.getByLabel('Budget', { exact: true }).fill('1000');
  await page.locator('input[name="targets"][value="police"]').check();
  await Promise.all([page.waitForURL(/\/assistance\/\d+$/),
    page.getByRole('button', { name: 'Send the request' }).click()]);
  const url = new URL(page.url()).pathname;
  assertEqual(await page.locator('h1').innerText(), title, 'the request page');
  assertMatch(await page.locator('#gap').innerText(), /1,000\.00 EUR/, 'the gap is the budget');

  // assessed, with a comment that shows in the timeline
  await page.locator('#m-assessed').fill('in the 2027 plan');
  // (the page is at that address already: the answer goes back to an anchor of it)
  await Promise.all([page.waitForURL(new RegExp(`${url}#timeline$`)),
    page.getByRole('button', { name: /Move to: assessed/ }).click()]);
  assertEqual(await page.locator('strong.stage').getAttribute('data-stage'), 'assessed', 'the stage');
  assertMatch(await page.locator('ol.timeline').innerText(), /requested → assessed[\s\S]*in the 2027 plan/,
    'the timeline');

  // the suggestion with its reasons written out, then confirmed
  const sg = page.locator('li.suggestion', { hasText: `GLACY ${stamp}` });
  assertEqual(await sg.count(), 1, 'the offer is suggested');
  const reasons = await sg.locator('ul.reasons li').allInnerTexts();
  assertEqual(reasons.length, 5, 'five terms');
  assertMatch(reasons[0], /^Languages: 1 of 1 languages \(en\), 3 × 1\.00 = 3\.00$/, 'the language term');
  await Promise.all([page.waitForURL(new RegExp(`${url}#matches$`)),
    sg.getByRole('button', { name: 'Confirm this match' }).click()]);
  const m = page.locator('li.match', { hasText: `GLACY ${stamp}` });
  assertEqual(await m.getAttribute('data-status'), 'confirmed', 'the match is confirmed');
  assertEqual(await sg.getByRole('button', { name: 'Confirm this match' }).count(), 0, 'no second confirm');

  // the same page in Arabic: right to left, translated
  await page.goto(`${url}?lang=ar`);
  assertEqual(await page.evaluate(() => document.documentElement.dir), 'rtl', 'dir in Arabic');
  assertEqual(await page.locator('#timeline').innerText(), 'المسار الزمني', 'the heading in Arabic');
  await t.screenshot('assist-request-ar.png', { fullPage: false });

  // no accessibility violations on the pages with the curator's forms, in two scripts
  const found = [];
  for (const p of [url, `${url}?lang=ar`, '/assistance', '/assistance/offers?lang=fr',
    '/assistance/overlaps', '/assistance/totals?by=topic', '/countries/KE?lang=ar']) {
    res = await page.goto(p);
    assertEqual(res && res.status(), 200, `status of ${p}`);
    for (const v of await axe(page)) found.push(`${p}: ${v}`);
  }
  assertEqual(found.length, 0, `axe violations:\n  ${found.join('\n  ')}`);

  // on a phone, nothing wider than the screen, left to right and right to left
  await page.setViewportSize({ width: 375, height: 740 });
  for (const p of [url, `${url}?lang=ar`, '/assistance', '/assistance/offers?lang=ar']) {
    await page.goto(p);
    const m = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth,
      iw: window.innerWidth }));
    assert(m.sw <= m.iw, `${p} on a phone: scrollWidth ${m.sw} > innerWidth ${m.iw}`);
  }

  // Kenya's focal point: reads it, may withdraw, may not assess or confirm
  const fp = await t.context.browser().newContext({ baseURL: t.base, locale: 'en-GB' });
  try {
    const p2 = await fp.newPage();
    await signInFocalPoint(p2);
    res = await p2.goto(url);
    assertEqual(res && res.status(), 200, 'the focal point reads the request');
    assertEqual(await p2.getByRole('button', { name: /Move to: withdrawn/ }).count(), 1, 'withdraw');
    assertEqual(await p2.getByRole('button', { name: /Move to: matched/ }).count(), 0, 'no matching');
    assertEqual(await p2.getByRole('button', { name: 'Confirm this match' }).count(), 0, 'no confirm');
  } finally {
    await fp.close();
  }
});

process.exitCode = await run();
