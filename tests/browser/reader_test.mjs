// The web reader in a real browser (system Chromium driven by puppeteer-core), twice: against
// `treatykb serve` and against `treatykb site` output served by a plain static file server.
// One reader's path: search "unilateral measure", follow the hit to Art. 47, switch to side by
// side, open the report, expand the proof of the Art. 47 finding, follow a quote to Annex 7
// point 41; then from Annex 7's cited-by back to Art. 47. Asserts on what is on screen and that the console stays free of errors; screenshots
// go to the artefacts folder.
//   node reader_test.mjs --treatykb BIN --db DATABASE --out ARTEFACTS [--chromium PATH]
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(join(process.cwd(), 'node_modules', 'x.js'));
const puppeteer = require('puppeteer-core');

function argument(name, fallback) {
  const at = process.argv.indexOf(name);
  if (at >= 0 && at + 1 < process.argv.length) return process.argv[at + 1];
  if (fallback !== undefined) return fallback;
  throw new Error(`missing ${name}`);
}
const treatykb = argument('--treatykb');
const database = argument('--db');
const out = argument('--out');
const chromium = argument('--chromium', '/usr/bin/chromium');
mkdirSync(out, { recursive: true });

function check(condition, message) {
  if (!condition) throw new Error('assertion failed: ' + message);
  console.log('  ok: ' + message);
}

// Starts a server process and resolves with the URL it prints (a line matching `pattern`).
function start(command, args, pattern) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`${command} did not start: ${seen}`)), 60000);
    const look = (chunk) => {
      seen += chunk.toString();
      const match = seen.match(pattern);
      if (match) { clearTimeout(timer); resolve({ child, url: match[1] }); }
    };
    child.stdout.on('data', look);
    child.stderr.on('data', look);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`${command} exited ${code}: ${seen}`)); });
  });
}

function stop(child) {
  child.removeAllListeners('exit');
  child.kill('SIGTERM');
}

async function readerPath(browser, root, label) {
  console.log(`${label}: ${root}`);
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  const errors = [];
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('response', (response) => { if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`); });
  const shot = (name) => page.screenshot({ path: join(out, `${label}-${name}.png`), fullPage: false });
  const visible = (selector) => page.$eval(selector, (e) => !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length));

  await page.goto(root, { waitUntil: 'load' });
  check((await page.$$('table.list tbody tr')).length > 0, 'the instruments are listed');
  await page.type('form.quick-search input[name=q]', 'unilateral measure');
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
  await page.waitForSelector('#search-results li.hit a', { timeout: 20000 });
  const hits = await page.$$eval('#search-results li.hit', (items) => items.map((li) => ({
    text: li.querySelector('a').textContent, href: li.querySelector('a').getAttribute('href'),
    marks: li.querySelectorAll('mark').length })));
  const article = hits.find((hit) => /Art\. 47\b/.test(hit.text));
  check(article !== undefined, `a hit for Art. 47 among ${hits.length} hits`);
  check(hits.some((hit) => hit.marks > 0), 'the snippets highlight the matched words');
  await shot('1-search');

  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
    page.click(`#search-results a[href="${article.href}"]`)]);
  const title = await page.$eval('h1', (h) => h.textContent);
  check(/Art\. 47\b/.test(title), `the provision page is Art. 47 ("${title}")`);
  check(await visible('td.col-ru') && !(await visible('td.col-en')), 'one language shown at first (Russian)');
  await page.click('#side-by-side');
  check(await visible('td.col-ru') && await visible('td.col-en'), 'side by side shows Russian and English');
  const english = await page.$eval('tbody', (t) => Array.from(t.querySelectorAll('td.col-en')).map((td) => td.textContent).join(' '));
  check(/unilateral/i.test(english), 'the English column holds the English text');
  const russian = await page.$eval('tbody', (t) => Array.from(t.querySelectorAll('td.col-ru')).map((td) => td.textContent).join(' '));
  check(/в одностороннем порядке/.test(russian), 'the Russian column holds the Russian text');
  check((await page.$$('#annotations article.annotation')).length > 0, 'the annotations citing Art. 47 are listed');
  const reference = '#references a.target[href$="/i/eaeu/p/annex_7/"]';
  check(await page.$(reference) !== null && /Annex 7/.test(await page.$eval(reference, (a) => a.textContent)),
    'the references of Art. 47 link Annex 7, read from its text');
  const annexHref = await page.$eval(reference, (a) => a.href);
  await shot('2-provision-side-by-side');

  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('header nav a.nav-report[href$="/report/eaeu/"]')]);
  check(/analysis/i.test(await page.$eval('h1', (h) => h.textContent)), 'the report opens');
  const finding = await page.$$eval('article.finding', (all) => {
    const one = all.find((a) => a.getAttribute('data-provisions').split(' ').includes('eaeu#art_47'));
    return one ? one.id : null;
  });
  check(finding !== null, `a finding rests on Art. 47 (${finding})`);
  check(!(await page.$eval(`#${finding} details.proof`, (d) => d.open)), 'its proof starts folded');
  await page.click(`#${finding} details.proof > summary`);
  await page.click(`#${finding} button.expand-all`);
  const target = `#${finding} details.proof .annotation a.provision-link[href$="/i/eaeu/p/annex_7__point_41/"]`;
  await page.waitForSelector(target, { visible: true, timeout: 5000 });
  const annotation = await page.$eval(target, (a) => a.closest('.annotation').textContent);
  check(/eaeu\.annex7\.p41/.test(annotation), 'the proof reaches the annotation on Annex 7 point 41 and its quote');
  await page.$eval(target, (a) => a.scrollIntoView());
  await shot('3-report-proof');
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(target)]);
  const annex = await page.$eval('h1', (h) => h.textContent);
  check(/Annex 7/.test(annex) && /41/.test(annex), `the quote leads to Annex 7 point 41 ("${annex}")`);
  const body = await page.$eval('main', (m) => m.innerText);
  check(body.includes('может ввести такие меры в одностороннем порядке'), 'the quoted words are on the page');
  await shot('4-annex-7-point-41');

  await page.goto(annexHref, { waitUntil: 'load' });
  const citing = '#cited-by a.source[href$="/i/eaeu/p/art_47/"]';
  await page.waitForSelector(citing, { timeout: 5000 });
  await page.$eval(citing, (a) => a.scrollIntoView());
  await shot('5-annex-7-cited-by');
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(citing)]);
  check(/Art\. 47\b/.test(await page.$eval('h1', (h) => h.textContent)), 'Annex 7 is cited by Art. 47, and the link leads back to it');

  check(errors.length === 0, `no console errors or failed requests (${errors.join('; ')})`);
  await page.close();
}

const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let server;
try {
  server = await start(treatykb, ['--db', database, 'serve', '--port', '0'], /(http:\/\/127\.0\.0\.1:\d+)\//);
  await readerPath(browser, server.url + '/', 'serve');
  stop(server.child);
  server = undefined;

  const site = join(out, 'site');
  rmSync(site, { recursive: true, force: true });
  execFileSync(treatykb, ['--db', database, 'site', '-o', site], { stdio: 'inherit' });
  server = await start('python3', ['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1', '--directory', site],
    /\((http:\/\/127\.0\.0\.1:\d+)\/\)/);
  await readerPath(browser, server.url + '/', 'site');
} finally {
  if (server) stop(server.child);
  await browser.close();
}
console.log('browser test passed');
