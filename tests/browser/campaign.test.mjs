// Browser tests of the questionnaire campaigns (src/web/campaign.c): a curator opens a
// campaign for Kenya with the form; Kenya's focal point answers it on a phone (375x740):
// a draft saved, seen again after a reload, then the whole questionnaire submitted;
// no horizontal scrolling at that width, in English and in Arabic (right to left).

import { test, run, assert, assertEqual, assertMatch, signInFocalPoint, openCampaign } from './lib.mjs';

const PHONE = { width: 375, height: 740 };

async function noHorizontalScroll(page, what) {
  const m = await page.evaluate(() => {
    const iw = window.innerWidth;
    const rtl = getComputedStyle(document.documentElement).direction === 'rtl';
    const wide = [...document.querySelectorAll('body *')].filter((e) => {
      const r = e.getBoundingClientRect();
      return r.width > 0 && (rtl ? r.left < -0.5 : r.right > iw + 0.5);
    }).slice(0, 3).map((e) => `${e.tagName.toLowerCase()}${e.className ? '.' + e.className : ''}`);
    return { sw: document.documentElement.scrollWidth, iw, wide };
  });
  assert(m.sw <= m.iw, `${what}: scrollWidth ${m.sw} > innerWidth ${m.iw} (outside: ${m.wide.join(', ')})`);
}

test('campaign: a focal point answers on a phone, saves a draft, reloads, submits', async (t) => {
  const { page } = t;
  const id = await openCampaign(t, 'Browser round');
  await page.setViewportSize(PHONE);
  await signInFocalPoint(page);
  // the home page lists the open campaign for the focal point's country
  await page.goto('/');
  await Promise.all([page.waitForURL(new RegExp(`/campaigns/${id}/answers/KE$`)),
    page.getByRole('link', { name: 'Browser round' }).click()]);
  assertMatch(await page.locator('strong.status').innerText(), /not started/, 'status before');
  await noHorizontalScroll(page, 'the answer form');
  await t.screenshot('phone-campaign-answer.png', { fullPage: false });
  await page.goto(`/campaigns/${id}/answers/KE?lang=ar`);
  assertEqual(await page.evaluate(() => document.documentElement.dir), 'rtl', 'dir of the form in Arabic');
  await noHorizontalScroll(page, 'the answer form in Arabic');
  await page.goto(`/campaigns/${id}/answers/KE`);

  // a draft: one stage, its evidence, a text
  await page.locator('input[name="v-legal.offences"][value="3"]').check();
  await page.locator('#e-legal\\.offences').fill('https://example.org/penal-code');
  await page.locator('#v-legal\\.reform').fill('A bill is before parliament.');
  // (the page is at that address already: wait for the navigation the form makes)
  await Promise.all([page.waitForNavigation({ url: new RegExp(`/campaigns/${id}/answers/KE$`) }),
    page.getByRole('button', { name: 'Save draft' }).click()]);
  await page.reload();
  assertMatch(await page.locator('strong.status').innerText(), /draft/, 'status after saving');
  assert(await page.locator('input[name="v-legal.offences"][value="3"]').isChecked(), 'the stage kept');
  assertEqual(await page.locator('#e-legal\\.offences').inputValue(), 'https://example.org/penal-code', 'the evidence kept');
  assertEqual(await page.locator('#v-legal\\.reform').inputValue(), 'A bill is before parliament.', 'the text kept');

  // the rest of it, as a person would: a choice in every group, numbers, evidence
  await page.evaluate(() => {
    const groups = new Set([...document.querySelectorAll('form.answer input[type=radio]')].map((e) => e.name));
    for (const name of groups) {
      const radios = [...document.querySelectorAll(`input[type=radio][name="${CSS.escape(name)}"]`)];
      if (!radios.some((r) => r.checked)) radios[Math.min(1, radios.length - 1)].checked = true;
    }
    for (const n of document.querySelectorAll('form.answer input[type=number]'))
      if (!n.value) n.value = n.min !== '' ? n.min : '1';
    for (const e of document.querySelectorAll('form.answer .evidence input'))
      if (!e.value) e.value = 'https://example.org/evidence';
  });
  await Promise.all([page.waitForNavigation({ url: new RegExp(`/campaigns/${id}/answers/KE$`) }),
    page.getByRole('button', { name: 'Submit', exact: true }).click()]);
  const alert = page.locator('[role=alert]');
  assertEqual(await alert.count(), 0, `an error: ${await alert.count() ? await alert.innerText() : ''}`);
  assertMatch(await page.locator('strong.status').innerText(), /submitted/, 'status after submitting');
  assertEqual(await page.getByRole('button', { name: 'Save draft' }).count(), 0, 'no form once submitted');
  await noHorizontalScroll(page, 'the submitted answer');

  // the same in Arabic: right to left, still no horizontal scrolling
  await page.goto(`/campaigns/${id}/answers/KE?lang=ar`);
  assertEqual(await page.evaluate(() => document.documentElement.dir), 'rtl', 'dir in Arabic');
  await noHorizontalScroll(page, 'the answer in Arabic');
  await t.screenshot('phone-campaign-answer-ar.png', { fullPage: false });
});

test('campaign: the list, the campaign and the printable page fit a phone; the print page loads nothing', async (t) => {
  const { page } = t;
  const id = await openCampaign(t, 'Browser print round');
  await page.setViewportSize(PHONE);
  await signInFocalPoint(page);
  for (const p of ['/campaigns', `/campaigns/${id}`, `/campaigns/${id}/answers/KE/print`,
    '/campaigns?lang=ar', `/campaigns/${id}/answers/KE/print?lang=ar`]) {
    const requests = [];
    const listen = (r) => { if (!/\/favicon\.(ico|svg)$/.test(r.url())) requests.push(r.url()); };
    page.on('request', listen);
    const res = await page.goto(p);
    page.off('request', listen);
    assertEqual(res && res.status(), 200, `status of ${p}`);
    await noHorizontalScroll(page, p);
    if (p.includes('/print'))
      assertEqual(requests.length, 1, `requests of ${p}: ${requests.join(', ')}`);
  }
  await page.goto(`/campaigns/${id}/answers/KE/print`);
  await t.screenshot('phone-campaign-print.png', { fullPage: false });
});

process.exitCode = await run();
