// Signs in to the bot's /insights page in Debian's Chromium and reports what a coordinator's browser saw, as JSON on stdout.
// Input (JSON on stdin): { "baseUrl": "http://127.0.0.1:PORT", "key": "...", "wrongKey": "...", "screenshots": "DIR" }.
// Every request to a host other than 127.0.0.1 or localhost is aborted and listed: the page must load nothing from outside.
const { chromium } = require('playwright-core');
const path = require('path');

const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function readInput() {
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  return JSON.parse(text);
}

// WCAG contrast ratio of an element's text against the first opaque background behind it.
function contrastOf(selector) {
  const el = document.querySelector(selector);
  if (!el) return null;
  const rgb = s => (s.match(/[\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const c = [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  let bg = null;
  for (let n = el; n && !bg; n = n.parentElement) {
    const v = rgb(getComputedStyle(n).backgroundColor);
    if (v.length >= 3 && (v.length < 4 || v[3] > 0)) bg = v;
  }
  bg = bg || [255, 255, 255];
  const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(bg)].sort((x, y) => y - x);
  return Math.round(((a + 0.05) / (b + 0.05)) * 100) / 100;
}

(async () => {
  const input = await readInput();
  const report = { externalRequests: [], requests: 0, screenshots: [] };
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args });
  try {
    const guard = async context => context.route('**/*', route => {
      report.requests++;
      const host = new URL(route.request().url()).hostname;
      if (host === '127.0.0.1' || host === 'localhost') return route.continue();
      report.externalRequests.push(route.request().url());
      return route.abort();
    });
    const shot = async (page, name) => {
      const file = path.join(input.screenshots, name);
      await page.screenshot({ path: file, fullPage: true });
      report.screenshots.push(file);
    };

    const laptop = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await guard(laptop);
    const page = await laptop.newPage();
    await page.goto(input.baseUrl + '/insights');
    report.signInLabel = await page.getByLabel('API key').count();
    await shot(page, 'insights-sign-in.png');

    // A wrong key: the form comes back with the reason.
    await page.getByLabel('API key').fill(input.wrongKey);
    const refused = page.waitForResponse(r => r.url().endsWith('/insights/sign-in'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    report.wrongKeyStatus = (await refused).status();
    report.wrongKeyAlert = (await page.getByRole('alert').textContent() || '').trim();

    // The keyboard alone: Tab reaches the key field, Enter signs in.
    await page.goto(input.baseUrl + '/insights');
    await page.keyboard.press('Tab');
    report.focusAfterTab = await page.evaluate(() => document.activeElement && document.activeElement.id);
    await page.keyboard.type(input.key);
    await Promise.all([page.waitForURL(u => u.pathname === '/insights' && !u.search), page.keyboard.press('Enter')]);
    await page.getByRole('heading', { name: 'Unanswered topics: the papers to commission next' }).waitFor();
    report.urlAfterSignIn = page.url();
    report.keyInPage = (await page.content()).includes(input.key);
    report.cookies = (await laptop.cookies()).map(c => ({ name: c.name, httpOnly: c.httpOnly, sameSite: c.sameSite, valueHasKey: c.value.includes(input.key) }));
    report.headings = await page.locator('h2').allTextContents();
    report.charts = await page.locator('svg.chart').evaluateAll(svgs => svgs.map(s => ({
      title: (document.getElementById(s.getAttribute('aria-labelledby')) || {}).textContent || null,
      role: s.getAttribute('role'),
      bars: s.querySelectorAll('rect').length,
      width: Math.round(s.getBoundingClientRect().width),
    })));
    report.topics = await page.locator('section[aria-labelledby=topics] tbody tr').allTextContents();
    report.tiles = await page.locator('section[aria-labelledby=totals] .tiles div').allTextContents();
    report.contrast = {};
    for (const selector of ['h1', 'p', 'button', 'th', 'td', '.tiles dt', 'details summary', '.chart .label'])
      report.contrast[selector] = await page.evaluate(contrastOf, selector);
    report.unlabelledInputs = await page.locator('input:not([type=hidden]), select').evaluateAll(inputs =>
      inputs.filter(i => !(i.labels && i.labels.length) && !i.getAttribute('aria-label')).map(i => i.name));
    await shot(page, 'insights-laptop.png');

    // A phone, signed in with the same session cookie: nothing wider than the screen.
    const phone = await browser.newContext({ storageState: await laptop.storageState(), viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    await guard(phone);
    const mobile = await phone.newPage();
    await mobile.goto(input.baseUrl + '/insights?days=30');
    await mobile.getByRole('heading', { name: 'Questions by working group', exact: true }).waitFor();
    report.phone = await mobile.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
      charts: document.querySelectorAll('svg.chart').length }));
    await shot(mobile, 'insights-phone.png');

    // Signing out ends the session.
    await Promise.all([page.waitForURL(u => u.pathname === '/insights'), page.getByRole('button', { name: 'Sign out' }).click()]);
    report.afterSignOut = await page.getByLabel('API key').count();
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(report));
})().catch(e => { process.stderr.write(String(e && e.stack || e)); process.exit(1); });
