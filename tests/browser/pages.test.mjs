// Browser tests for ccrepo's pages in real Chromium. Run by tests/browser/run.sh, which
// starts a server on a temporary database and sets CCREPO_URL. Every test also fails on
// any console error, page error or CSP violation (see lib.mjs).

import { test, run, assert, assertEqual, assertMatch, signIn } from './lib.mjs';

// The pages the walk over every page visits.
const PAGES = [
  '/', '/countries', '/countries/KE', '/regions', '/regions/014',
  '/instruments', '/instruments/coe-185', '/instruments/un-cc', '/instruments/un-cc/7',
  '/instruments/coe-185/2', '/shared', '/campaigns',
];
const LANGS = ['en', 'ar', 'zh', 'fr', 'ru', 'es'];

async function goto(t, path) {
  const res = await t.page.goto(path);
  assert(res, `no response for ${path}`);
  assertEqual(res.status(), 200, `status of ${path}`);
  return res;
}

async function htmlAttr(page, name) {
  return page.evaluate((n) => document.documentElement.getAttribute(n), name);
}

function pathOf(page) {
  const u = new URL(page.url());
  return u.pathname + u.search;
}

test('home page renders a visible h1 and a main navigation', async (t) => {
  const { page } = t;
  await goto(t, '/');
  const h1 = page.locator('h1');
  assertEqual(await h1.count(), 1, 'number of h1');
  assert(await h1.isVisible(), 'h1 is not visible');
  assertMatch(await h1.innerText(), /\S/, 'h1 text');
  assertMatch(await page.title(), /ccrepo/, 'title');
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const name of ['Home', 'Countries', 'Regions', 'Instruments'])
    assert(await nav.getByRole('link', { name, exact: true }).isVisible(), `nav link ${name} not visible`);
});

test('main navigation links work when clicked', async (t) => {
  const { page } = t;
  await goto(t, '/');
  const nav = page.getByRole('navigation', { name: 'Main' });
  const want = [
    ['Countries', '/countries', /countries/i],
    ['Regions', '/regions', /regions/i],
    ['Instruments', '/instruments', /instruments/i],
    ['Home', '/', /repository/i],
  ];
  for (const [name, path, h1] of want) {
    await Promise.all([page.waitForURL((u) => u.pathname === path), nav.getByRole('link', { name, exact: true }).click()]);
    assertEqual(new URL(page.url()).pathname, path, `path after clicking ${name}`);
    assertMatch(await page.locator('h1').innerText(), h1, `h1 after clicking ${name}`);
    assertEqual(await nav.locator('[aria-current="page"]').innerText(), name, `current nav item on ${path}`);
  }
});

test('countries page lists Kenya under Eastern Africa; clicking it opens /countries/KE with the six names', async (t) => {
  const { page } = t;
  await goto(t, '/countries');
  // The list that follows the "Eastern Africa" heading holds Kenya.
  const inEastAfrica = await page.evaluate(() => {
    const h = [...document.querySelectorAll('h2,h3,h4,h5')].find((e) => e.textContent.trim() === 'Eastern Africa');
    if (!h) return null;
    let n = h.nextElementSibling;
    while (n && !/^(UL|OL)$/.test(n.tagName)) n = n.nextElementSibling;
    return n ? [...n.querySelectorAll('a')].map((a) => a.textContent.trim()) : [];
  });
  assert(inEastAfrica !== null, 'no "Eastern Africa" heading on /countries');
  assert(inEastAfrica.includes('Kenya'), `Kenya not listed under Eastern Africa: ${inEastAfrica.slice(0, 5).join(', ')}...`);
  await Promise.all([page.waitForURL('**/countries/KE'), page.getByRole('link', { name: 'Kenya', exact: true }).click()]);
  assertEqual(new URL(page.url()).pathname, '/countries/KE', 'path');
  assertEqual(await page.locator('h1').innerText(), 'Kenya', 'h1');
  const names = await page.evaluate(() => Object.fromEntries(
    [...document.querySelectorAll('main td[lang]')].map((td) => [td.getAttribute('lang'), td.textContent.trim()])));
  const want = { ar: 'كينيا', zh: '肯尼亚', en: 'Kenya', fr: 'Kenya', ru: 'Кения', es: 'Kenia' };
  for (const [lang, name] of Object.entries(want)) assertEqual(names[lang], name, `name in ${lang}`);
  assertEqual(await page.locator('main td[lang="ar"]').getAttribute('dir'), 'rtl', 'dir of the Arabic name');
  await t.screenshot('countries-KE.png', { fullPage: true });
});

test('language switcher: clicking Français switches <html lang> and links keep French', async (t) => {
  const { page } = t;
  await goto(t, '/countries/KE');
  assertEqual(await htmlAttr(page, 'lang'), 'en', 'lang before');
  const langs = page.locator('nav.langs');
  await Promise.all([page.waitForURL(/lang=fr/), langs.getByRole('link', { name: 'Français' }).click()]);
  assertEqual(await htmlAttr(page, 'lang'), 'fr', 'lang after clicking Français');
  assertEqual(await htmlAttr(page, 'dir'), 'ltr', 'dir in French');
  assertEqual(new URL(page.url()).pathname, '/countries/KE', 'still on the same page');
  assertEqual(await langs.locator('[aria-current]').innerText(), 'Français', 'current language');
  // a link in the page (the crumb back to the country list) keeps the language
  await Promise.all([page.waitForURL((u) => u.pathname === '/countries'), page.locator('main .crumbs a').first().click()]);
  assertEqual(await htmlAttr(page, 'lang'), 'fr', 'lang after following a link');
  assertEqual(await page.locator('h1').innerText().then((s) => s.length > 0), true, 'h1 on the French country list');
  // the main navigation too
  const nav = page.locator('header nav').first();
  await Promise.all([page.waitForURL((u) => u.pathname === '/instruments'), nav.locator('a[href^="/instruments"]').click()]);
  assertEqual(await htmlAttr(page, 'lang'), 'fr', 'lang after the main navigation');
  // and back to English
  await Promise.all([page.waitForURL(/lang=en/), page.locator('nav.langs').getByRole('link', { name: 'English' }).click()]);
  assertEqual(await htmlAttr(page, 'lang'), 'en', 'lang after clicking English');
});

test('Arabic pages are right-to-left', async (t) => {
  const { page } = t;
  for (const p of ['/?lang=ar', '/countries/KE?lang=ar', '/instruments/coe-185?lang=ar']) {
    await goto(t, p);
    assertEqual(await htmlAttr(page, 'lang'), 'ar', `lang of ${p}`);
    assertEqual(await htmlAttr(page, 'dir'), 'rtl', `dir of ${p}`);
    assertEqual(await page.evaluate(() => getComputedStyle(document.body).direction), 'rtl', `computed direction of ${p}`);
  }
});

test('every page renders without console errors or CSP violations (all in en and ar, three in the other languages)', async (t) => {
  const { page } = t;
  const visits = [];
  for (const lang of LANGS)
    for (const p of (lang === 'en' || lang === 'ar') ? PAGES : ['/', '/countries/KE', '/instruments/un-cc/7'])
      visits.push([lang, p]);
  for (const [lang, p] of visits) {
    const url = `${p}${p.includes('?') ? '&' : '?'}lang=${lang}`;
    const res = await goto(t, url);
    assertMatch(res.headers()['content-type'], /^text\/html/, `content-type of ${url}`);
    assertMatch(res.headers()['content-security-policy'] || '', /default-src 'none'/, `CSP of ${url}`);
    assertEqual(await htmlAttr(page, 'lang'), lang, `lang of ${url}`);
    assertEqual(await page.locator('h1').count(), 1, `number of h1 on ${url}`);
  }
});

async function overflowAt360(t, paths) {
  const { page } = t;
  await page.setViewportSize({ width: 360, height: 640 });
  const bad = [];
  for (const p of paths) {
    await goto(t, p);
    const m = await page.evaluate(() => {
      const iw = window.innerWidth;
      const rtl = getComputedStyle(document.documentElement).direction === 'rtl';
      // what sticks out on the side the page scrolls to: right in LTR, left in RTL
      const wide = [...document.querySelectorAll('body *')].filter((e) => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && (rtl ? r.left < -0.5 : r.right > iw + 0.5);
      }).slice(0, 3).map((e) => `${e.tagName.toLowerCase()}${e.className ? '.' + e.className : ''}`);
      return { sw: document.documentElement.scrollWidth, iw, wide };
    });
    if (m.sw > m.iw) bad.push(`${p}: scrollWidth ${m.sw} > innerWidth ${m.iw} (outside: ${m.wide.join(', ')})`);
  }
  assert(bad.length === 0, bad.join('; '));
}

test('phone viewport 360x640: no horizontal scrolling', async (t) => {
  await overflowAt360(t, ['/countries/KE', '/instruments/coe-185', '/', '/countries', '/regions/014',
    '/instruments/un-cc', '/instruments/un-cc/7', '/campaigns']);
});

test('phone viewport 360x640 in Arabic (right-to-left): no horizontal scrolling', async (t) => {
  await overflowAt360(t, ['/countries/KE?lang=ar', '/instruments/coe-185?lang=ar', '/?lang=ar']);
});

test('article page links to its cross-walk counterpart and the link works', async (t) => {
  const { page } = t;
  await goto(t, '/instruments/un-cc/7');
  assertMatch(await page.locator('h1').innerText(), /Illegal access/, 'h1');
  const link = page.locator('main a[href^="/instruments/coe-185/2"]');
  assertEqual(await link.count(), 1, 'links to coe-185/2');
  await Promise.all([page.waitForURL((u) => u.pathname === '/instruments/coe-185/2'), link.click()]);
  assertMatch(await page.locator('h1').innerText(), /Article 2\b.*Illegal access/, 'h1 of coe-185/2');
  // and the counterpart links back
  assert(await page.locator('main a[href^="/instruments/un-cc/7"]').count() >= 1, 'coe-185/2 does not link back to un-cc/7');
});

test('the stylesheet loads and applies', async (t) => {
  const { page } = t;
  const css = [];
  page.on('response', (r) => { if (r.url().endsWith('.css')) css.push(r); });
  await goto(t, '/countries/KE');
  assert(css.length >= 1, 'no stylesheet requested');
  for (const r of css) {
    assertEqual(r.status(), 200, `status of ${r.url()}`);
    assertMatch(r.headers()['content-type'] || '', /^text\/css/, `content-type of ${r.url()}`);
  }
  const font = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
  assert(!/^"?Times New Roman"?$/.test(font) && font !== '', `body font-family is the default: ${font}`);
  assertEqual(await page.evaluate(() => getComputedStyle(document.body).marginTop), '0px', 'body margin (site.css sets 0)');
});

test('a missing page renders a 404 HTML page with a link home', async (t) => {
  const { page } = t;
  t.allowConsole(/Failed to load resource: the server responded with a status of 404/);
  for (const p of ['/no/such/page', '/countries/XX', '/instruments/coe-185/999']) {
    const res = await page.goto(p);
    assertEqual(res.status(), 404, `status of ${p}`);
    assertMatch(res.headers()['content-type'], /^text\/html/, `content-type of ${p}`);
    assert(await page.locator('h1').isVisible(), `no visible h1 on ${p}`);
  }
  const home = page.locator('main a[href="/"], main a[href^="/?"]');
  assert(await home.count() >= 1, 'no link home in the 404 page');
  await Promise.all([page.waitForURL((u) => u.pathname === '/'), home.first().click()]);
  assertEqual(new URL(page.url()).pathname, '/', 'path after following the link home');
});

test('the browser finds a favicon (no 404 for /favicon.ico)', async (t) => {
  const { page } = t;
  await goto(t, '/');
  const declared = await page.evaluate(() => [...document.querySelectorAll('link[rel~="icon"]')].map((l) => l.getAttribute('href')));
  if (declared.length) return;  // a declared icon (even data:) stops the /favicon.ico request
  const res = await page.request.get('/favicon.ico');
  assertEqual(res.status(), 200, 'no <link rel="icon"> and status of /favicon.ico');
});

test('keyboard: the first Tab focuses a visible "Skip to content" link that moves to main', async (t) => {
  const { page } = t;
  await goto(t, '/countries/KE');
  await page.keyboard.press('Tab');
  const f = await page.evaluate(() => {
    const a = document.activeElement;
    const r = a.getBoundingClientRect();
    return { tag: a.tagName, text: a.textContent.trim(), href: a.getAttribute('href'),
      visible: r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 && r.left < innerWidth };
  });
  assertEqual(f.tag, 'A', 'focused element');
  assertEqual(f.text, 'Skip to content', 'focused link text');
  assert(f.visible, 'the skip link is not on screen when focused');
  await page.keyboard.press('Enter');
  await page.waitForURL(/#main$/);
  assertEqual(pathOf(page), '/countries/KE', 'path after the skip link');
  // the next Tab goes to the first link inside main, not back to the header
  await page.keyboard.press('Tab');
  const inMain = await page.evaluate(() => !!document.activeElement.closest('main'));
  assert(inMain, 'Tab after the skip link does not land inside main');
});

// WCAG 2.2 (2.4.11, 1.4.11): the focus indicator of every kind of control contrasts
// 3:1 with the page around it.
test('keyboard: links, inputs and buttons show a focus ring of 3:1 or more', async (t) => {
  const { page } = t;
  await goto(t, '/');
  const lum = (rgb) => {
    const c = rgb.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number).map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  for (const sel of ['main a[href="/countries"]', '#q', 'form[role=search] button']) {
    await page.focus(sel);
    // keyboard focus (:focus-visible) for a link: Tab away and back
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    const s = await page.evaluate((q) => {
      const el = document.querySelector(q);
      const cs = getComputedStyle(el);
      let bg = 'rgb(255, 255, 255)';
      for (let p = el.parentElement; p; p = p.parentElement) {
        const c = getComputedStyle(p).backgroundColor;
        if (c && c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') { bg = c; break; }
      }
      return { focused: document.activeElement === el, style: cs.outlineStyle,
        width: parseFloat(cs.outlineWidth), color: cs.outlineColor, bg };
    }, sel);
    assert(s.focused, `${sel} did not take the focus`);
    assert(s.style !== 'none' && s.width >= 2, `${sel}: focus outline ${s.style} ${s.width}px`);
    const [a, b] = [lum(s.color), lum(s.bg)].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    assert(ratio >= 3, `${sel}: focus ring ${s.color} on ${s.bg} is ${ratio.toFixed(2)}:1`);
  }
});


// Published laws for the search tests, imported as a bundle through the API by the
// curator signed in at /signin, in a browser context of its own: the tests then search
// as the public.
const SEARCH_BUNDLE = {
  format: 'ccrepo-bundle', version: 1,
  records: [
    ['KE', 'eng', '/akn/ke/act/2018/5', 'Computer Misuse and Cybercrimes Act',
      [['Unauthorised access', 'A person who causes a computer system to perform a function without authority commits an offence.'],
       ['Computer fraud', 'A person who uses a computer to defraud commits an offence.']]],
    ['NG', 'eng', '/akn/ng/act/2015/17', 'Cybercrimes Act',
      [['Unlawful access to a computer', 'Any person who without authorisation accesses a computer system commits an offence.']]],
    ['FR', 'fra', '/akn/fr/act/1988/19', 'Loi relative à la fraude informatique',
      [['Accès frauduleux', 'Le fait d\'accéder frauduleusement à un système informatique est puni.']]],
  ].map(([country, lang, uri, title, secs]) => ({
    type: 'legislation', country, language: lang.slice(0, 2), title, status: 'published',
    work: { uri, type: 'act', number: uri.split('/').pop(), date: uri.split('/')[4] + '-01-01' },
    expressions: [{ language: lang, date: uri.split('/')[4] + '-01-01', status: 'in_force', title,
      provisions: [{ eid: 'part_1', kind: 'part', num: 'I', heading: 'Offences',
        children: secs.map(([heading, text], i) => ({ eid: `part_1__sec_${i + 1}`, kind: 'section', num: String(i + 1), heading, text })) }] }],
  })),
};

async function importSearchBundle(t) {
  // the public may not import, even from the server's own machine
  const refused = await t.page.request.post('/api/v1/works/import', { data: SEARCH_BUNDLE });
  assertEqual(refused.status(), 403, 'status of an import by the public');
  const context = await t.context.browser().newContext({ baseURL: t.base, locale: 'en-GB' });
  try {
    const page = await context.newPage();
    await signIn(page);
    // a change made with the session cookie carries the session's form token
    const without = await page.request.post('/api/v1/works/import', { data: SEARCH_BUNDLE });
    assertEqual(without.status(), 403, 'status of a cookie import without the form token');
    const me = await (await page.request.get('/api/v1/me')).json();
    const res = await page.request.post('/api/v1/works/import', {
      data: SEARCH_BUNDLE, headers: { 'X-CSRF-Token': me.csrf_token } });
    assert(res.status() === 201 || res.status() === 200, `import: status ${res.status()} ${await res.text()}`);
  } finally {
    await context.close();
  }
}

test('search: a query shows highlighted hits with their place in the law; a facet link narrows them', async (t) => {
  const { page } = t;
  await importSearchBundle(t);
  await goto(t, '/');
  await goto(t, '/search');
  // typed into the search box and submitted with Enter
  await page.getByRole('searchbox').fill('computer offences');
  await Promise.all([page.waitForURL((u) => u.pathname === '/search' && u.search.includes('q=')), page.getByRole('searchbox').press('Enter')]);
  const hits = page.locator('ol.hits > li');
  // the KE law's two sections and its part (its title has "Computer"), NG's section;
  // fewer than a page: then the provisions with one of the words
  assert(await hits.count() > 4, 'hits for "computer offences" and then some of them');
  assertMatch(await page.locator('main').innerText(), /provisions with some of the words follow/,
    'the fallback is said');
  assert(await page.locator('ol.hits mark').first().isVisible(), 'no highlighted word');
  assertMatch(await hits.first().innerText(), /— 2 Computer fraud\nI Offences/, 'place of the provision in its law');
  assertMatch(await page.locator('main').innerText(), /With all the words: 4/, 'total');
  // the country facet: click Nigeria (facets name countries in the page's language)
  const facets = page.getByRole('complementary', { name: 'Refine' });
  assert(await facets.getByRole('heading', { name: 'Region' }).isVisible(), 'no region facet');
  await Promise.all([page.waitForURL((u) => decodeURIComponent(u.search).includes('country:NG')),
    facets.getByRole('link', { name: /^Nigeria/ }).first().click()]);
  assert(await hits.count() >= 1, 'hits after the Nigeria facet');
  assertMatch(await hits.first().innerText(), /Nigeria/, 'the hit is Nigerian');
  assertMatch(await page.locator('main').innerText(), /With all the words: 1\b|Matches: 1\b/,
    'one has both words');
  assertMatch(await page.getByRole('searchbox').inputValue(), /country:NG/, 'the filter is in the box');
});

test('search: French words find the French law by their other forms; a malformed query says why', async (t) => {
  const { page } = t;
  await importSearchBundle(t);
  await goto(t, '/search?q=' + encodeURIComponent('accès frauduleusement'));
  assertEqual(await page.locator('ol.hits > li').count(), 1, 'hits');
  assertMatch(await page.locator('ol.hits').innerText(), /Loi relative/, 'the French law');
  assertMatch(await page.locator('main').innerText(), /Word forms of French/, 'the language searched is named');
  // (fetched, not visited: the browser logs every 400 as a console error)
  const res = await page.request.get('/search?q=' + encodeURIComponent('"unclosed'));
  assertEqual(res.status(), 400, 'status of a malformed query');
  assertMatch(await res.text(), /role="alert">[^<]*unclosed/, 'the message');
});

test('import form: the public gets no link to it; a curator signs in at /signin and imports a law', async (t) => {
  const { page } = t;
  await goto(t, '/laws');
  assertEqual(await page.getByRole('link', { name: 'Import a law' }).count(), 0, 'import links for the public');
  // (fetched, not visited: the browser logs every 403 as a console error)
  assertEqual((await page.request.get('/laws/import')).status(), 403, 'status of the form for the public');
  await signIn(page);
  await goto(t, '/laws');
  await Promise.all([page.waitForURL(/\/laws\/import$/), page.getByRole('link', { name: 'Import a law' }).click()]);
  await page.getByLabel('Document').fill('Section 1. Short title\n\nThis Act is the Browser Test Act.\n');
  await page.getByLabel('Format').selectOption('text');
  await page.getByLabel('Work URI').fill('/akn/ke/act/2024/99');
  await page.getByLabel('Title', { exact: true }).fill('Browser Test Act');
  await page.getByLabel('Date', { exact: true }).fill('2024-01-01');
  await page.getByRole('button', { name: 'Import' }).click();
  await page.getByRole('heading', { level: 1, name: 'Imported', exact: true }).waitFor();
  await page.getByRole('link', { name: 'Browser Test Act' }).click();
  await page.waitForURL(/\/akn\/ke\/act\/2024\/99/);
  assertMatch(await page.locator('main').innerText(), /This Act is the Browser Test Act\./, 'the imported text');
});

test('import form: a file is sent with a progress bar and the result replaces the page', async (t) => {
  const { page } = t;
  await signIn(page);
  await goto(t, '/laws/import');
  const box = page.locator('form[data-progress] .progress');
  assertEqual(await box.isHidden(), true, 'progress hidden before sending');
  let text = 'Section 1. Short title\n\nThis Act is the Upload Test Act.\n';
  for (let i = 2; i <= 1500; i++)
    text += `\nSection ${i}. Provision ${i}\n\nA person who does the thing number ${i} commits an offence.\n`;
  await page.getByLabel('Or a file').setInputFiles({ name: 'upload.txt', mimeType: 'text/plain', buffer: Buffer.from(text) });
  await page.getByLabel('Format').selectOption('text');
  await page.getByLabel('Work URI').fill('/akn/ke/act/2024/98');
  await page.getByLabel('Title', { exact: true }).fill('Upload Test Act');
  await page.getByLabel('Date', { exact: true }).fill('2024-01-01');
  // record the largest value the bar shows (the value attribute reflects the property)
  await page.evaluate(() => {
    const bar = document.querySelector('form[data-progress] progress');
    window.seenProgress = 0;
    new MutationObserver(() => { window.seenProgress = Math.max(window.seenProgress, bar.value / bar.max); })
      .observe(bar, { attributes: true });
  });
  await page.getByRole('button', { name: 'Import' }).click();
  await page.getByRole('heading', { level: 1, name: 'Imported', exact: true }).waitFor();
  const seen = await page.evaluate(() => window.seenProgress);
  assert(seen > 0, `the progress bar moved (${seen})`);
  assertMatch(page.url(), /\/laws\/import$/, 'the page was replaced, not left');
  assertMatch(await page.locator('main').innerText(), /1[,.\s]?500/, 'the provisions counted');
  await page.getByRole('link', { name: 'Upload Test Act' }).click();
  await page.waitForURL(/\/akn\/ke\/act\/2024\/98/);
});

test('coverage: a law mapped by a curator colours its country on the map; each country is a link and the table has the same numbers; the profile fits a phone', async (t) => {
  const { page } = t;
  await signIn(page);
  // a published law with one provision, mapped in full to un-cc/7 on its provision page
  await goto(t, '/laws/import');
  await page.getByLabel('Document').fill('Section 1. Unauthorised access\n\nA person who accesses a computer system without authority commits an offence.\n');
  await page.getByLabel('Format').selectOption('text');
  await page.getByLabel('Work URI').fill('/akn/gh/act/2020/1');
  await page.getByLabel('Title', { exact: true }).fill('Map Test Act');
  await page.getByLabel('Date', { exact: true }).fill('2020-01-01');
  await page.getByLabel('Status of a new record').selectOption('published');
  await page.getByRole('button', { name: 'Import' }).click();
  await page.getByRole('heading', { level: 1, name: 'Imported', exact: true }).waitFor();
  await goto(t, '/akn/gh/act/2020/1/~sec_1');
  await page.getByLabel('Instrument article').fill('un-cc/7');
  await Promise.all([page.waitForURL(/~sec_1/), page.getByRole('button', { name: 'Add the mapping' }).click()]);

  await goto(t, '/coverage/map?article=un-cc/7');
  const ghana = page.locator('svg.map a[href="/countries/GH"] path');
  assertEqual(await ghana.count() >= 1, true, 'Ghana drawn as a link');
  assertMatch(await ghana.first().getAttribute('class'), /\bb4\b/, 'class of a covered country');
  const row = page.locator('table.compact tr', { has: page.locator('a[href="/countries/GH"]') });
  assertMatch(await row.innerText(), /Ghana\s+Covered/, 'the table row');
  // what the map says in its title, the table says too
  assertMatch(await ghana.first().locator('title').textContent(), /Ghana: Covered/, 'the shape title');
  await Promise.all([page.waitForURL(/\/countries\/GH/), row.locator('a').click()]);
  assertMatch(await page.locator('#coverage').textContent(), /Coverage of the conventions/, 'the profile section');

  await page.setViewportSize({ width: 360, height: 640 });
  for (const p of ['/countries/GH', '/countries/GH?lang=ar', '/coverage/map', '/instruments/un-cc/7']) {
    await goto(t, p);
    const m = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, iw: window.innerWidth }));
    assert(m.sw <= m.iw, `${p}: scrollWidth ${m.sw} > innerWidth ${m.iw}`);
  }
  await t.screenshot('coverage-map.png', { fullPage: true });
});

process.exitCode = (await run()) ? 1 : 0;
