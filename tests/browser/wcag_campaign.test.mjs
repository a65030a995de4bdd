// Accessibility of the questionnaire campaigns' pages (src/web/campaign.c) as a curator
// sees them: the list with its form, a campaign with its tracking, Kenya's answer form
// with the decisions, and the printable page; axe-core in the six languages, as
// wcag.test.mjs does for the public pages. With CCREPO_SCREENSHOTS set, one screenshot
// of each (LANG-KIND.png) is kept there.

import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { test, run, assert, assertEqual, signIn, openCampaign } from './lib.mjs';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const LANGS = ['ar', 'zh', 'en', 'fr', 'ru', 'es'];

async function axe(page) {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ` +
      v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', '));
  });
}

let axeCampaign = null;
for (const lang of LANGS) {
  test(`axe: no accessibility violations on the campaign pages of a curator in ${lang}`, async (t) => {
    if (!axeCampaign) axeCampaign = await openCampaign(t, 'Accessibility round');
    await signIn(t.page);
    const found = [];
    for (const [kind, path] of [['campaigns-curator', '/campaigns'], ['campaign', `/campaigns/${axeCampaign}`],
      ['campaign-answer', `/campaigns/${axeCampaign}/answers/KE`],
      ['campaign-print', `/campaigns/${axeCampaign}/answers/KE/print`]]) {
      const url = `${path}?lang=${lang}`;
      const res = await t.page.goto(url);
      assertEqual(res && res.status(), 200, `status of ${url}`);
      for (const v of await axe(t.page)) found.push(`${url}: ${v}`);
      await t.screenshot(`${lang}-${kind}.png`, { fullPage: true });
    }
    assert(!found.length, `${found.length} violation(s):\n${found.join('\n')}`);
  });
}

process.exitCode = await run();
