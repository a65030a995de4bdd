// Browser tests of the cooperation directory (src/web/directory.c, docs/directory.md):
// Kenya's focal point adds an entry with the form (an error names its field first),
// finds it on Kenya's contacts page and in "who do I ask?" for preserving data; the
// public reads only its public part; a curator verifies it; the contacts page and
// "who do I ask?" are right to left in Arabic, and have no accessibility violations.

import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { test, run, assert, assertEqual, assertMatch, signIn, signInFocalPoint } from './lib.mjs';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

async function axe(page) {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ` +
      v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', '));
  });
}

test('directory: the focal point adds an entry, contacts, who do I ask?, Arabic', async (t) => {
  const { page } = t;
  const stamp = Date.now().toString(36);
  const name = `Cyber Unit ${stamp}`;
  await signInFocalPoint(page);

  let res = await page.goto('/directory/new?country=KE');
  assertEqual(res && res.status(), 200, 'status of the form');
  await page.locator('#e-kind').selectOption('24x7');
  await page.getByLabel('Names').fill(`en: ${name}\nsw: Kitengo ${stamp}`);
  // a telephone number that is not E.164: the form comes back naming the field
  await page.getByLabel('Channels').fill('phone 0720 123456\nemail 247@cyber.example.ke');
  await page.getByLabel('Instrument articles').fill('coe-185/35 un-cc/41');
  await page.getByLabel('Languages accepted').fill('en sw');
  await page.getByLabel('Time zone').fill('Africa/Nairobi');
  await page.getByLabel('Working hours').fill('24/7');
  await page.getByLabel('Show the name and kind to everybody (TLP:CLEAR)').check();
  await page.getByRole('button', { name: 'Save' }).click();
  assertMatch(await page.locator('[role="alert"]').innerText(), /channels\[0\]\.value/,
    'the error names the field');
  assertEqual(await page.getByLabel('Names').inputValue(), `en: ${name}\nsw: Kitengo ${stamp}`,
    'the form keeps what was typed');
  await page.getByLabel('Channels').fill('phone +254201234567 | duty officer\n' +
    'email 247@cyber.example.ke');
  await Promise.all([page.waitForURL(/\/directory\/\d+$/),
    page.getByRole('button', { name: 'Save' }).click()]);
  const url = new URL(page.url()).pathname;
  assertEqual(await page.locator('h1').innerText(), name, 'the entry page');
  assertMatch(await page.locator('ul.channels').innerText(), /\+254201234567/, 'its channels');
  assertMatch(await page.locator('#history + table').innerText(), /created/, 'its history');

  // Kenya's contacts and who do I ask?
  res = await page.goto('/countries/KE/contacts');
  assertEqual(res && res.status(), 200, 'the contacts page');
  assert(await page.getByText(name).count() > 0, 'listed on the contacts page');
  res = await page.goto('/directory/ask');
  await page.locator('#f-country').selectOption('KE');
  await page.locator('#a-need').selectOption('preserve');
  await Promise.all([page.waitForURL(/need=preserve/),
    page.getByRole('button', { name: 'Show' }).click()]);
  assert(await page.locator('article.contact', { hasText: name }).count() === 1,
    'the 24/7 point of contact answers "preserve data"');
  assertEqual((await axe(page)).join('\n'), '', 'who do I ask? has no accessibility violations');

  // Arabic: right to left
  for (const p of ['/countries/KE/contacts?lang=ar', '/directory/ask?country=KE&need=preserve&lang=ar']) {
    res = await page.goto(p);
    assertEqual(res && res.status(), 200, `status of ${p}`);
    assertEqual(await page.locator('html').getAttribute('dir'), 'rtl', `${p} is right to left`);
    assertEqual(await page.locator('html').getAttribute('lang'), 'ar', `${p} is Arabic`);
  }
  // no accessibility violations, in two scripts; nothing wider than a phone's screen
  const found = [];
  for (const p of ['/countries/KE/contacts', '/countries/KE/contacts?lang=ar', url, `${url}?lang=ar`,
    `${url}/edit`, '/directory/new?country=KE&lang=ar', '/directory', '/directory?lang=ar', '/']) {
    res = await page.goto(p);
    assertEqual(res && res.status(), 200, `status of ${p}`);
    for (const v of await axe(page)) found.push(`${p}: ${v}`);
  }
  assertEqual(found.length, 0, `axe violations:\n  ${found.join('\n  ')}`);
  await page.setViewportSize({ width: 375, height: 740 });
  for (const p of ['/countries/KE/contacts?lang=ar', url, '/directory', '/directory/ask?country=KE&need=preserve']) {
    await page.goto(p);
    const m = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth,
      iw: window.innerWidth }));
    assert(m.sw <= m.iw, `${p} on a phone: scrollWidth ${m.sw} > innerWidth ${m.iw}`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });

  // the public: the name and kind, not the channels
  const pub = await t.context.browser().newContext({ baseURL: t.base, locale: 'en-GB' });
  try {
    const p2 = await pub.newPage();
    res = await p2.goto(url);
    assertEqual(res && res.status(), 200, 'the public reads the public part');
    assertEqual(await p2.locator('h1').innerText(), name, 'its name');
    assertEqual(await p2.getByText('+254201234567').count(), 0, 'not its telephone');
    assertEqual(await p2.getByText('247@cyber.example.ke').count(), 0, 'not its e-mail');
  } finally {
    await pub.close();
  }

  // a curator verifies it
  const cur = await t.context.browser().newContext({ baseURL: t.base, locale: 'en-GB' });
  try {
    const p3 = await cur.newPage();
    await signIn(p3);
    await p3.goto(url);
    await Promise.all([p3.waitForURL(new RegExp(`${url}$`)),
      p3.getByRole('button', { name: 'Mark as verified' }).click()]);
    assertMatch(await p3.locator('article.contact').innerText(), /Verified on/, 'verified');
    assertMatch(await p3.locator('#history + table').innerText(), /verified/, 'in the history');
  } finally {
    await cur.close();
  }
});

process.exitCode = await run();
