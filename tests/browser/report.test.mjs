// Browser tests of the reports (src/web/report.c): a report printed to PDF by Chromium
// (page.pdf()) has more than one page (each section begins one) and its chart is an SVG
// with role="img" and a title; the Arabic page is right to left with the chart drawn
// left to right; a curator makes a report with GREEN data through the form, which says
// so, saves it and prints it.

import { test, run, assert, assertEqual, assertMatch, signIn } from './lib.mjs';

// The number of pages of a PDF: its page objects (/Type /Page, not /Pages).
function pdfPages(buf) {
  const text = buf.toString('latin1');
  const pages = text.match(/\/Type\s*\/Page(?![s\w])/g);
  if (pages)
    return pages.length;
  const count = text.match(/\/Type\s*\/Pages[^>]*\/Count\s+(\d+)/);
  return count ? Number(count[1]) : 0;
}

async function checkChart(page) {
  const charts = page.locator('svg[role="img"]');
  assert((await charts.count()) >= 1, 'an svg chart with role="img"');
  const chart = charts.first();
  const labelled = await chart.getAttribute('aria-labelledby');
  assert(labelled, 'the chart is labelled');
  const title = await page.locator(`svg [id="${labelled}"]`).textContent();
  assertMatch(title, /\S/, 'the chart\'s title');
  assertEqual(await page.locator(`svg [id="${labelled}"]`).evaluate((e) => e.localName),
    'title', 'the label is the svg\'s <title>');
  const desc = await chart.getAttribute('aria-describedby');
  assertMatch(await page.locator(`svg [id="${desc}"]`).textContent(), /%/,
    'the description says the numbers');
}

test('report: printed to PDF it has a page per section and its chart', async (t) => {
  const { page } = t;
  const res = await page.goto('/reports/view?from=2018-01-01&to=2026-12-31');
  assertEqual(res.status(), 200, 'status of the report');
  const sections = await page.locator('section.report-section').count();
  assert(sections >= 8, `sections: ${sections}`);
  await checkChart(page);
  // every table has a caption
  const tables = await page.locator('table.report').count();
  assertEqual(await page.locator('table.report > caption').count(), tables, 'captions');
  await page.emulateMedia({ media: 'print' });
  assertEqual(await page.locator('section.report-section').nth(1)
    .evaluate((e) => getComputedStyle(e).breakBefore), 'page', 'a section begins a page');
  assertEqual(await page.locator('.level-foot').evaluate((e) => getComputedStyle(e).position),
    'fixed', 'the level\'s note stands on every printed page');
  assertEqual(await page.locator('form').first().evaluate((e) => getComputedStyle(e).display),
    'none', 'forms are not printed');
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const n = pdfPages(pdf);
  assert(n >= sections, `the PDF has ${n} pages for ${sections} sections`);
  await t.screenshot('report.png', { fullPage: false });
});

test('report: the Arabic page is right to left, its chart left to right', async (t) => {
  const { page } = t;
  await page.goto('/reports/view?period=2025&lang=ar');
  assertEqual(await page.evaluate(() => document.documentElement.dir), 'rtl', 'dir');
  assertEqual(await page.locator('svg.pairs').getAttribute('dir'), 'ltr', 'the chart\'s dir');
  await checkChart(page);
  const pdf = await page.pdf({ format: 'A4' });
  assert(pdfPages(pdf) > 1, 'the Arabic PDF has more than one page');
});

test('report: a curator makes a report with GREEN data, saves it and prints it', async (t) => {
  const { page } = t;
  await signIn(page);
  await page.goto('/reports/new');
  await page.getByLabel('From').fill('2020-01-01');
  await page.getByLabel('To', { exact: true }).fill('2025-12-31');
  await page.getByLabel('Countries (ISO codes, comma-separated)').fill('KE');
  await page.getByLabel('Data').selectOption('green');
  await Promise.all([page.waitForURL(/\/reports\/view\?/),
    page.getByRole('button', { name: 'Make the report' }).click()]);
  assertMatch(await page.locator('p.note.level').innerText(), /Includes GREEN data/, 'the note');
  await page.getByLabel('Title').fill('Kenya 2020-2025');
  await Promise.all([page.waitForURL(/\/reports\/\d+$/),
    page.getByRole('button', { name: 'Save this report' }).click()]);
  assertEqual(await page.locator('h1').innerText(), 'Kenya 2020-2025', 'the saved report');
  assertMatch(await page.locator('.level-foot').textContent(), /Includes GREEN data/,
    'the foot note');
  // the prose of paragraph 6, kept with the saved report
  await page.getByLabel('What was done (prose)').nth(1).fill('Forty police officers trained.');
  await Promise.all([page.waitForURL(/#para-6$/),
    page.locator('#para-6').getByRole('button', { name: 'Save the prose' }).click()]);
  assertEqual(await page.locator('#prose-6').inputValue(), 'Forty police officers trained.',
    'the prose kept');
  await checkChart(page);
  const pdf = await page.pdf({ format: 'A4' });
  assert(pdfPages(pdf) > 1, 'the saved report\'s PDF has more than one page');
});

process.exitCode = (await run()) ? 1 : 0;
