// Accessibility: axe-core (node_modules/axe-core, a devDependency) on every kind of page
// in the six languages; any violation fails the test. With CCREPO_SCREENSHOTS set, one
// screenshot per page kind and language (LANG-KIND.png) is kept there; the campaign pages
// of a curator are checked (and kept) by campaign.test.mjs.
//
// axe is put into the page with page.evaluate (the DevTools protocol), not with a
// <script> tag: the pages' Content-Security-Policy refuses scripts, as it should, and
// lib.mjs fails any test that meets a CSP violation.

import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { test, run, assert, assertEqual, signIn } from './lib.mjs';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const LANGS = ['ar', 'zh', 'en', 'fr', 'ru', 'es'];

// A published law and a published case, imported as a bundle by the curator: words
// and addresses of their own, so that the search tests' counts do not change.
const BUNDLE = {
  format: 'ccrepo-bundle', version: 1,
  records: [
    {
      type: 'legislation', country: 'KE', language: 'en', status: 'published',
      title: 'Accessibility Test Act',
      work: { uri: '/akn/ke/act/2019/9', type: 'act', number: '9', date: '2019-06-01' },
      expressions: [{ language: 'eng', date: '2019-06-01', status: 'in_force',
        title: 'Accessibility Test Act',
        provisions: [{ eid: 'part_1', kind: 'part', num: 'I', heading: 'Offences',
          children: [{ eid: 'part_1__sec_1', kind: 'section', num: '1', heading: 'Checked pages',
            text: 'Every page of this repository is checked by an accessibility engine.' }] }] }],
      // a mapping, so that the country's profile and the coverage pages have something
      mappings: [{ eid: 'part_1__sec_1', article: 'un-cc/7', state: 'accepted', extent: 'partial',
        comment: null }],
    },
    {
      type: 'case', country: 'KE', language: 'en', status: 'published',
      title: 'Republic v. Accessibility Test', court: 'High Court of Kenya', decided: '2019-05-30',
    },
  ],
};

let imported = null;
async function importBundle(t) {
  if (imported) return imported;
  const context = await t.context.browser().newContext({ baseURL: t.base, locale: 'en-GB' });
  try {
    const page = await context.newPage();
    await signIn(page);
    const me = await (await page.request.get('/api/v1/me')).json();
    const res = await page.request.post('/api/v1/works/import', {
      data: BUNDLE, headers: { 'X-CSRF-Token': me.csrf_token } });
    assert(res.status() === 201 || res.status() === 200, `import: status ${res.status()} ${await res.text()}`);
  } finally {
    await context.close();
  }
  const cases = await (await t.page.request.get('/api/v1/cases')).json();
  const list = cases.items || cases.records || cases.cases || cases;
  assert(Array.isArray(list) && list.length, `no published case: ${JSON.stringify(cases).slice(0, 200)}`);
  imported = { caseId: list[0].id };
  return imported;
}

function kinds(caseId) {
  return [
    ['home', '/'], ['countries', '/countries'], ['country', '/countries/KE'],
    ['laws', '/laws'], ['law', '/akn/ke/act/2019/9'],
    ['provision', '/akn/ke/act/2019/9/~part_1__sec_1'], ['article', '/instruments/coe-185/2'],
    ['search', '/search?q=accessibility'], ['case', `/cases/${caseId}`], ['signin', '/signin'],
    ['about', '/about'], ['help', '/help'], ['contact', '/contact'],
    ['coverage', '/coverage'], ['map', '/coverage/map'], ['developments', '/developments'],
    ['reports', '/reports'], ['report', '/reports/view?from=2018-01-01&to=2026-12-31'],
  ];
}

async function axe(page) {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ` +
      v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ') +
      (v.nodes.length > 3 ? ` and ${v.nodes.length - 3} more` : ''));
  });
}

for (const lang of LANGS) {
  test(`axe: no accessibility violations on every kind of page in ${lang}`, async (t) => {
    const { caseId } = await importBundle(t);
    const found = [];
    for (const [kind, path] of kinds(caseId)) {
      const url = path + (path.includes('?') ? '&' : '?') + `lang=${lang}`;
      const res = await t.page.goto(url);
      assertEqual(res && res.status(), 200, `status of ${url}`);
      for (const v of await axe(t.page)) found.push(`${url}: ${v}`);
      await t.screenshot(`${lang}-${kind}.png`, { fullPage: true });
    }
    assert(!found.length, `${found.length} violation(s):\n${found.join('\n')}`);
  });
}

process.exitCode = await run();
