// `npm run bench:web`: JavaScript shipped for the participant's first screen (gzip) and the
// time from navigation to "plan visible" in Chromium with Slow 4G and 4x CPU throttling
// (median of 5), beside the same page with /graphql answered from a static JSON file
// recorded from the real API (so the difference is the API's and the database's time).
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { signInOnScreen } from './chromium.mjs';
import { DEMO_PASSWORD, launchChromium, startDemoApi } from './web-tools.mjs';

const RUNS = Number(process.env.RUNS ?? 5);
// Chrome DevTools' "Slow 4G" preset (the throttling Lighthouse applies with DevTools).
const SLOW_4G = {
  offline: false,
  latency: 562.5,
  downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8,
  uploadThroughput: (750 * 1024 * 0.9) / 8,
};

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const api = await startDemoApi();
const browser = await launchChromium();
try {
  // Sign in once (normal device) to get the refresh cookie the page resumes with.
  const setup = await browser.newContext({ viewport: { width: 360, height: 640 } });
  const page0 = await setup.newPage();
  await signInOnScreen(page0, api.url, 'sam', DEMO_PASSWORD);
  await page0.getByTestId('goals').locator('li').first().waitFor({ timeout: 120_000 });

  // Record the /graphql answers of a first visit, for the static-JSON variant.
  const recorded = {};
  const scripts = new Map();
  // The first screen's code is what has been asked for by the time it asks for the plan;
  // the other screens' files are fetched in the background after the plan is shown.
  const firstScreenScripts = new Set();
  let planAsked = false;
  const recorder = await setup.newPage();
  recorder.on('request', (request) => {
    if (request.url().endsWith('.js') && !planAsked) firstScreenScripts.add(request.url());
    if (/query Plan\b/.test(request.postData() ?? '')) planAsked = true;
  });
  recorder.on('response', async (response) => {
    const url = response.url();
    if (url.endsWith('.js')) scripts.set(url, await response.body());
    if (url.endsWith('/graphql')) {
      const operation = JSON.parse(response.request().postData() ?? '{}').operationName;
      if (operation && !(operation in recorded)) recorded[operation] = await response.text();
    }
  });
  await recorder.goto(`${api.url}/plan`);
  await recorder.getByTestId('goals').locator('li').first().waitFor({ timeout: 120_000 });
  await recorder.waitForLoadState('networkidle');
  writeFileSync('dist/web-bench-graphql.json', JSON.stringify(recorded));
  const gzipKb = (bodies) =>
    +(bodies.reduce((sum, body) => sum + gzipSync(body, { level: 9 }).length, 0) / 1024).toFixed(1);
  const firstScreen = [...scripts].filter(([url]) => firstScreenScripts.has(url)).map(([, body]) => body);
  const jsGzip = gzipKb(firstScreen);
  const jsRaw = firstScreen.reduce((sum, body) => sum + body.length, 0);
  const jsGzipAllScreens = gzipKb([...scripts.values()]);
  await setup.close();

  // A refresh cookie works once (reuse ends the sign-in), so every run gets its own sign-in.
  const freshRefreshCookie = async () => {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-roundtable-client': 'web' },
      body: JSON.stringify({
        query: 'mutation L($i: String!, $p: String!) { login(identifier: $i, password: $p) { accessToken } }',
        variables: { i: 'sam', p: DEMO_PASSWORD },
      }),
    });
    const value = response.headers
      .getSetCookie()
      .find((line) => line.startsWith('rt_refresh='))
      .split(';')[0]
      .slice('rt_refresh='.length);
    return { name: 'rt_refresh', value, url: `${api.url}/graphql`, httpOnly: true, sameSite: 'Strict' };
  };

  const measure = async (fromStaticJson) => {
    const times = [];
    for (let run = 0; run < RUNS; run += 1) {
      const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
      await context.addCookies([await freshRefreshCookie()]);
      const page = await context.newPage();
      if (fromStaticJson) {
        await page.route('**/graphql', (route) => {
          const operation = JSON.parse(route.request().postData() ?? '{}').operationName;
          route.fulfill({ status: 200, contentType: 'application/json', body: recorded[operation] ?? '{"data":null}' });
        });
        await page.route('**/realtime/**', (route) => route.abort());
      }
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      await page.goto(`${api.url}/plan`, { waitUntil: 'commit' });
      await page.getByTestId('goals').locator('li').first().waitFor({ timeout: 120_000 });
      times.push(await page.evaluate(() => performance.now()));
      await context.close();
    }
    return times;
  };
  const live = await measure(false);
  const staticJson = await measure(true);
  const result = {
    jsGzipKb: jsGzip,
    jsGzipAllScreensKb: jsGzipAllScreens,
    jsRawKb: +(jsRaw / 1024).toFixed(1),
    planVisibleMs: { api: Math.round(median(live)), staticJson: Math.round(median(staticJson)) },
    runs: { api: live.map(Math.round), staticJson: staticJson.map(Math.round) },
  };
  console.log(JSON.stringify(result, null, 2));
} finally {
  await browser.close();
  await api.stop();
}
