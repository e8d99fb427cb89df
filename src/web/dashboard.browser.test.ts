/**
 * The dashboard in a real browser (Debian's chromium through playwright-core) over the small sample nation:
 * each page's key numbers against the API's own JSON, the click-through from nation to council to person and
 * back, errors, lost connections, slow work, escaping, a phone-sized screen, and the static file serving.
 * Screenshots of every page go to test-results/dashboard/ (a CI artifact). Every assertion names the page.
 */
// biome-ignore-all lint/performance/useDomNodeTextContent: innerText() here is Playwright's, read from the page
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlStatus, formatDate, percent, plural } from '../../web/src/lib/format.js';
import {
  type Browser,
  CHROMIUM,
  type Dashboard,
  ensureWebBuilt,
  launchBrowser,
  screenshotPath,
  startDashboard,
  WEB_DIST,
} from './browser.test-support.js';
import { csvRecords } from './csv.parser.js';

// biome-ignore lint/suspicious/noExplicitAny: API bodies are read as plain JSON; the page is what is under test
type Json = Record<string, any>;

const haveChromium = existsSync(CHROMIUM);
const inCi = process.env.CI === 'true';

if (!haveChromium && inCi) {
  describe('dashboard in a real browser', () => {
    it('needs Debian chromium at /usr/bin/chromium in CI', () => {
      throw new Error(
        `${CHROMIUM} is absent: CI must install chromium (apt-get install chromium) to run the browser tests`,
      );
    });
  });
}

describe.skipIf(!haveChromium)(
  haveChromium
    ? 'dashboard in a real browser'
    : `dashboard in a real browser (skipped: ${CHROMIUM} is absent)`,
  () => {
    let d: Dashboard;
    let browser: Browser;
    /** Problems each page reported: uncaught errors and CSP refusals (never expected). */
    const problems: string[] = [];

    const api = async (path: string): Promise<Json> => {
      const res = await fetch(d.url + path);
      if (!res.ok) throw new Error(`API ${path} answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as Json;
    };

    /** A new page at `path`; `setup` runs before it loads (to watch its requests). */
    const open = async (
      path: string,
      what: string,
      setup?: (page: Page) => void | Promise<void>,
    ): Promise<Page> => {
      const page = await browser.context.newPage();
      await setup?.(page);
      page.on('pageerror', (e) => problems.push(`${what}: uncaught ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text()))
          problems.push(`${what}: ${m.text()}`);
      });
      await page.goto(d.url + path);
      return page;
    };

    const text = async (page: Page, selector: string) =>
      (await page.locator(selector).first().innerText()).trim();

    const finish = async (page: Page, name: string) => {
      await page.screenshot({ path: screenshotPath(name), fullPage: true });
      const mine = problems.filter((p) => p.startsWith(name));
      expect(mine, `${name} page: errors or CSP refusals in the browser`).toEqual([]);
      await page.close();
    };

    beforeAll(async () => {
      ensureWebBuilt();
      d = await startDashboard();
      browser = await launchBrowser();
    });

    afterAll(async () => {
      await browser?.close();
      await d?.close();
    });

    it('national: the councils, their control and faction control match /api/councils and /api/control', async () => {
      const list = await api('/api/councils?limit=500');
      const control = await api('/api/control');
      const overview = await api('/api/overview');
      const summary = await api('/api/control/summary');
      const selectionRequests: string[] = [];
      const summaryRequests: string[] = [];
      const page = await open('/', 'national', async (p) => {
        p.on('request', (r) => {
          if (r.url().includes('/api/timetable/selections')) selectionRequests.push(r.url());
          if (r.url().includes('/api/control/summary')) summaryRequests.push(r.url());
        });
        p.on('console', (m) => {
          if (/preload/i.test(m.text())) problems.push(`national: ${m.text()}`);
        });
        // A short screen, so that on the small sample the coming polls start well below it.
        await p.setViewportSize({ width: 1280, height: 240 });
      });
      await page.locator('[data-testid=councils-table] tbody tr').first().waitFor();
      expect(await text(page, 'h1'), 'national page: heading').toBe('Who controls Britain’s councils');
      // The page's first data comes preloaded with the page (a Link header), not after its script: once.
      const index = await fetch(`${d.url}/`);
      expect(index.headers.get('link'), 'national page: preload header').toContain(
        '</api/control/summary>; rel=preload; as=fetch',
      );
      expect(summaryRequests, 'national page: the summary asked for once').toHaveLength(1);
      const initiator = await page.evaluate(
        `performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/control/summary')).map((e) => e.initiatorType)`,
      );
      expect(initiator, 'national page: the summary came from the preload').toEqual(['link']);
      expect(
        await page.locator('[data-testid=councils-table] tbody tr').count(),
        'national page: table rows vs /api/councils',
      ).toBe(list.items.length);
      expect(await text(page, '[data-testid=council-count]'), 'national page: council count').toBe(
        plural(list.items.length, 'council'),
      );
      for (const row of overview.byControl) {
        const key = row.control?.id ?? 'noc';
        expect(
          await text(page, `[data-testid=by-control] [data-control="${key}"]`),
          `national page: councils under ${key}`,
        ).toBe(String(row.councils));
      }
      // The leader column fills in once /api/control has answered.
      await page
        .locator('th', { hasText: /^Leader/ })
        .filter({ hasNotText: 'loading' })
        .waitFor();
      for (const c of list.items) {
        const cells = await page.locator(`tr[data-council="${c.id}"] td`).allTextContents();
        const ctl = control.councils.find((x: Json) => x.council.id === c.id);
        const expected = c.control.majorityParty ? c.control.majorityParty.name : controlStatus(ctl.status);
        expect(cells[3], `national page: seats of ${c.name}`).toBe(String(c.seats));
        expect(cells[4]?.trim(), `national page: control of ${c.name}`).toBe(expected);
        expect(cells[5]?.trim(), `national page: faction control of ${c.name}`).toBe(
          c.control.controllingFaction?.name ?? 'none',
        );
        expect(cells[6]?.trim(), `national page: leader of ${c.name}`).toBe(ctl.leader?.name ?? '—');
        const lean = summary.councils.find((x: Json) => x.id === c.id);
        expect(
          [
            lean.status,
            lean.majorityParty?.id ?? null,
            lean.controllingFaction?.id ?? null,
            lean.leader?.id ?? null,
          ],
          `national page: /api/control/summary agrees with /api/control for ${c.name}`,
        ).toEqual([
          ctl.status,
          ctl.majorityParty?.id ?? null,
          ctl.controllingFaction?.id ?? null,
          ctl.leader?.id ?? null,
        ]);
      }
      const tiles = page.locator('.tile');
      expect(await tiles.count(), 'national page: map tiles').toBe(list.items.length);
      for (const c of list.items) {
        const label = await page.locator(`.tile[href="/councils/${c.laCode}"]`).getAttribute('aria-label');
        expect(label, `national page: map tile of ${c.name}`).toContain(c.name);
      }

      // Sorting by seats, both ways, kept in the URL.
      await page.getByRole('button', { name: /^Seats/ }).click();
      const smallest = [...list.items].sort((a: Json, b: Json) => a.seats - b.seats)[0];
      expect(
        await text(page, '[data-testid=councils-table] tbody tr th'),
        'national page: first row sorted by seats',
      ).toBe(smallest.name);
      await page.getByRole('button', { name: /^Seats/ }).click();
      const largest = [...list.items].sort((a: Json, b: Json) => b.seats - a.seats)[0];
      expect(
        await text(page, '[data-testid=councils-table] tbody tr th'),
        'national page: first row sorted by seats, descending',
      ).toBe(largest.name);
      expect(page.url(), 'national page: sort in the URL').toContain('sort=seats&dir=desc');
      // Filtering by code.
      await page.getByLabel('Name or code').fill(largest.laCode);
      await expect.poll(() => page.locator('[data-testid=councils-table] tbody tr').count()).toBe(1);
      expect(page.url(), 'national page: filter in the URL').toContain(`q=${largest.laCode}`);
      await page.getByLabel('Name or code').fill('');

      // The yearly series, drawn and tabulated.
      const series = await api('/api/control/national');
      await page.locator('[data-testid=series-table] tbody tr').first().waitFor({ state: 'attached' });
      await page.locator('.plot-host svg').first().waitFor();
      const years = (await page.evaluate(
        `[...document.querySelectorAll('[data-testid=series-table] tbody tr')].map((r) => [...r.children].map((c) => c.textContent.trim()))`,
      )) as string[][];
      expect(
        years.map((r) => r.slice(0, 3)),
        'national page: years, councils and no-overall-control in the series table vs /api/control/national',
      ).toEqual(
        series.series.map((s: Json) => [String(s.year), String(s.councils), String(s.noOverallControl)]),
      );

      // The coming polls, per nation, with the sitting party councillors whose seats are up. The selection
      // calendar costs the server seconds on a national registry: it is asked for only when scrolled near.
      await page.locator('[data-testid=polls-table]').waitFor({ state: 'attached' });
      const below = (await page.evaluate(
        `document.querySelector('[data-testid=polls-table]').getBoundingClientRect().top - innerHeight`,
      )) as number;
      expect(
        below,
        'national page (precondition): the coming polls start well below the screen',
      ).toBeGreaterThan(300);
      expect(selectionRequests, 'national page: no selection calendar before it is scrolled near').toEqual(
        [],
      );
      await page.locator('[data-testid=polls-table]').scrollIntoViewIfNeeded();
      await expect
        .poll(() => selectionRequests.length, { message: 'national page: calendar asked for when near' })
        .toBe(1);
      expect(selectionRequests[0], 'national page: only as far ahead as the polls shown').toMatch(
        /within=\d+d/,
      );
      const calendar = await api(`/api/timetable/selections?asOf=${list.asOf}`);
      const year = Number(list.asOf.slice(0, 4));
      for (const nation of [...new Set(list.items.map((c: Json) => c.nation))] as string[]) {
        const days = await api(`/api/timetable/polling-days?from=${year}&to=${year + 2}&nation=${nation}`);
        const next = (days as unknown as Json[]).find((p) => p.date && p.date > list.asOf);
        const row = page.locator(`[data-testid=polls-table] tr[data-nation="${nation}"]`);
        await row.waitFor();
        const cells = await row.locator('th, td').allInnerTexts();
        expect(cells[0], `national page: next poll in ${nation}`).toBe(formatDate(next!.date));
        const up = calendar.entries.filter((e: Json) => e.nextPoll === next!.date && e.nation === nation);
        await expect
          .poll(async () => (await row.locator('td').nth(3).innerText()).trim())
          .toBe(String(up.length));
      }
      await finish(page, 'national');
    });

    it('council: control, leader, seats, power, dependence, timetable, distance and events match the API', async () => {
      const c = await api('/api/councils/STR');
      const ctl = (await api('/api/control?council=STR')).councils[0];
      const power = await api('/api/councils/STR/power');
      const timetable = await api('/api/councils/STR/timetable');
      const events = await api(`/api/events?council=${c.council.id}&limit=500`);
      const page = await open('/councils/STR', 'council');
      await page.locator('[data-testid=control-line]').waitFor();
      expect(await text(page, 'h1'), 'council page: heading').toBe(c.council.name);
      const controlLine = await text(page, '[data-testid=control-line]');
      expect(controlLine, 'council page: control status').toContain(controlStatus(ctl.status));
      expect(controlLine, 'council page: majority threshold').toContain(
        `${c.control.majorityThreshold} needed for a majority`,
      );
      if (c.control.majorityParty)
        expect(controlLine, 'council page: majority party').toContain(c.control.majorityParty.name);
      await page.locator('[data-testid=leader-line]').waitFor();
      expect(await text(page, '[data-testid=leader-line]'), 'council page: leader').toContain(
        ctl.leader.name,
      );

      const legend = await page.locator('.seat-arc .legend li').allInnerTexts();
      for (const g of c.groups) {
        expect(legend, `council page: seat chart legend for ${g.party?.name}`).toContainEqual(
          expect.stringMatching(new RegExp(`${g.party?.name ?? 'Independent'} ${g.seats}$`)),
        );
      }
      expect(
        await page.locator('.balance-group').count(),
        'council page: one faction balance per group',
      ).toBe(c.groups.length);
      expect(await page.locator('.seat-arc circle').count(), 'council page: one dot per seat').toBe(c.seats);

      await page.locator('table.power tbody tr').first().waitFor();
      const councilPower = page.locator('table.power').first();
      for (const p of power.power.players) {
        const row = councilPower.locator('tbody tr', { has: page.locator('th', { hasText: p.name }) });
        const cells = await row.locator('.bar-value').allInnerTexts();
        expect(cells, `council page: Banzhaf and Shapley-Shubik of ${p.name}`).toEqual([
          percent(p.banzhaf),
          percent(p.shapleyShubik),
        ]);
      }

      const group = await page.locator('select[name=group]').inputValue();
      const dependence = await api(`/api/councils/STR/power?group=${encodeURIComponent(group)}`);
      await page.locator('[data-testid=dependence]').waitFor();
      expect(await text(page, '[data-testid=dependence]'), 'council page: the leader’s dependence').toContain(
        dependence.dependence.explanation,
      );

      for (const poll of timetable.polls) {
        expect(
          await text(page, `[data-testid=timetable] tr[data-poll="${poll.date}"] td[data-seats-up]`),
          `council page: seats up on ${poll.date}`,
        ).toBe(String(poll.seatsUp));
      }

      const faction = await page.locator('select[name=faction]').inputValue();
      const takeover = await api(`/api/councils/STR/takeover/${faction}`);
      await page.locator('[data-testid=distance]').waitFor();
      const gains = (held: boolean, n: number) => (held ? 'in control' : plural(n, 'seat'));
      expect(await text(page, '[data-gains=group]'), 'council page: seats to control the group').toBe(
        gains(takeover.distance.controlsGroup, takeover.distance.toControlGroup.total),
      );
      expect(await text(page, '[data-gains=council]'), 'council page: seats to run the council').toBe(
        gains(takeover.distance.controlsCouncil, takeover.distance.toControlCouncil.total),
      );
      expect(await page.locator('.pathway').first().innerText(), 'council page: earliest pathway').toContain(
        takeover.group.explanation,
      );

      await page.locator('[data-testid=events] li').first().waitFor();
      expect(await page.locator('[data-testid=events] li').count(), 'council page: events shown').toBe(
        Math.min(20, events.items.length),
      );
      const first = page.locator('[data-testid=events] li').first();
      expect(await first.innerText(), 'council page: latest event').toContain(events.items[0].title);
      const source = await api(`/api/sources/${events.items[0].sourceId}`);
      await first.locator('summary', { hasText: 'Source' }).click();
      await first.locator('.source-title').waitFor();
      expect(
        await first.locator('.source-title').innerText(),
        'council page: the event’s source, one click away',
      ).toBe(source.title);
      await finish(page, 'council');
    });

    it('council ledger: outcomes, totals, names and successors match the ledger JSON and CSV; older elections', async () => {
      const ledger = await api('/api/councils/STR/ledger');
      const csv = csvRecords(await (await fetch(`${d.url}/api/export/ledger.csv?council=STR`)).text(), {
        unguard: true,
      });
      const page = await open('/councils/STR', 'council-ledger');
      const table = page.locator('[data-testid=ledger]');
      await table.waitFor();
      const check = async (l: Json, what: string) => {
        await expect
          .poll(() => table.getAttribute('data-election'), { message: `${what}: the election shown` })
          .toBe(l.election);
        for (const [outcome, n] of Object.entries(l.totals as Record<string, number>)) {
          expect(
            await text(page, `[data-testid=ledger-totals] [data-outcome="${outcome}"] strong`),
            `${what}: total ${outcome}`,
          ).toBe(String(n));
          expect(
            await table.locator(`tbody tr[data-outcome="${outcome}"]`).count(),
            `${what}: rows ${outcome}`,
          ).toBe(n);
        }
        const shown = (await table
          .locator('tbody tr[data-person]')
          .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-person')))) as string[];
        expect(shown.sort(), `${what}: the incumbents`).toEqual(
          l.seats.flatMap((s: Json) => s.incumbents.map((i: Json) => i.person)).sort(),
        );
        // Names and successors, from the CSV export of the same ledger.
        const rows = csv.filter((r) => r.election_date === l.election && r.incumbent_id);
        expect(rows.length, `${what}: CSV rows`).toBe(shown.length);
        await expect
          .poll(() => table.locator('tbody').innerText(), { message: `${what}: names loaded` })
          .toContain(rows[0]!.incumbent_name!);
        for (const r of rows) {
          const row = await table.locator(`tbody tr[data-person="${r.incumbent_id}"]`).innerText();
          expect(row, `${what}: ${r.incumbent_id}'s name`).toContain(r.incumbent_name!);
          if (r.successor_name)
            expect(row, `${what}: ${r.incumbent_id}'s successor`).toContain(r.successor_name);
        }
      };
      await check(ledger, 'council ledger, latest election');
      await page
        .locator('#ledger-h')
        .locator('xpath=..')
        .screenshot({ path: screenshotPath('council-ledger-section') });
      const dates = [...new Set(csv.map((r) => r.election_date!))].sort();
      const older = dates.filter((x) => x < ledger.election).pop();
      expect(older, 'council ledger: the sample has an earlier election').toBeDefined();
      await page.locator('select[name=election]').selectOption(older!);
      await page.waitForURL(/election=/);
      await check(await api(`/api/councils/STR/ledger?election=${older}`), `council ledger on ${older}`);
      await finish(page, 'council-ledger');
    });

    it('click-through: nation -> council -> person by mouse and keyboard, and the back button returns', async () => {
      const list = await api('/api/councils?limit=500');
      const target = list.items.find((c: Json) => c.laCode === 'STR');
      const leader = (await api('/api/control?council=STR')).councils[0].leader;
      const page = await open('/', 'click-through');
      const link = page.locator('[data-testid=councils-table] a', { hasText: target.name });
      await link.focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(`${d.url}/councils/STR`);
      await expect
        .poll(() => text(page, 'h1'), { message: 'click-through: council heading' })
        .toBe(target.name);
      expect(
        await page.evaluate('document.activeElement && document.activeElement.tagName'),
        'click-through: focus moves to the heading',
      ).toBe('H1');
      await page.locator('[data-testid=leader-line] a').click();
      await page.waitForURL(`${d.url}/people/${leader.id}`);
      await expect
        .poll(() => text(page, 'h1'), { message: 'click-through: person heading' })
        .toBe(leader.name);
      await page.goBack();
      await expect
        .poll(() => text(page, 'h1'), { message: 'click-through: back to the council' })
        .toBe(target.name);
      await page.goBack();
      await expect
        .poll(() => text(page, 'h1'), { message: 'click-through: back to the nation' })
        .toBe('Who controls Britain’s councils');
      await page.goForward();
      await expect
        .poll(() => text(page, 'h1'), { message: 'click-through: forward to the council' })
        .toBe(target.name);
      await finish(page, 'click-through');
    });

    it('person: memberships over time, candidacies with results and their sources match /api/people/{id}', async () => {
      const leader = (await api('/api/control?council=STR')).councils[0].leader;
      const person = await api(`/api/people/${leader.id}`);
      const page = await open(`/people/${leader.id}`, 'person');
      await page.locator('.timeline-row').first().waitFor();
      expect(await text(page, 'h1'), 'person page: heading').toBe(person.person.name);
      expect(
        await page.locator('.timeline-row').count(),
        'person page: one timeline row per membership',
      ).toBe(person.memberships.length);
      expect(await page.locator('[data-testid=current] li').count(), 'person page: current offices').toBe(
        person.current.length,
      );
      const rows = page.locator('[data-testid=candidacies] > tbody > tr');
      expect(await rows.count(), 'person page: candidacies').toBe(person.candidacies.length);
      const newest = person.candidacies[person.candidacies.length - 1];
      const ballot = await api(`/api/ballots/${newest.ballot}`);
      const firstRow = rows.first();
      await firstRow.locator(`a[href="/wards/${ballot.ward.id}"]`).waitFor();
      expect(
        await firstRow.locator(':scope > td').nth(3).innerText(),
        'person page: votes in the latest candidacy',
      ).toBe(newest.votes.toLocaleString('en-GB'));
      // Every fact's source is one click away.
      const spell = page.locator('.timeline-row').first();
      await spell.locator('summary', { hasText: 'Sources' }).click();
      expect(
        await spell.locator('.source-title').first().innerText(),
        'person page: a membership’s source',
      ).toBe(person.memberships[0].sources[0].title);
      await page.screenshot({ path: screenshotPath('person'), fullPage: true });

      // On to the ward of the latest candidacy.
      const ward = await api(`/api/wards/${ballot.ward.id}`);
      await firstRow.locator(`a[href="/wards/${ballot.ward.id}"]`).click();
      await page.locator('[data-testid=councillors] tbody tr').first().waitFor();
      expect(await text(page, 'h1'), 'ward page: heading').toBe(`${ward.ward.name} ward`);
      const names = await page.locator('[data-testid=councillors] tbody th').allInnerTexts();
      expect(names, 'ward page: councillors vs /api/wards/{id}').toEqual(
        ward.councillors.map((c: Json) => c.person.name),
      );
      expect(await page.locator('table[data-ballot]').count(), 'ward page: ballots').toBe(
        ward.ballots.length,
      );
      await finish(page, 'ward');
      expect(
        problems.filter((p) => p.startsWith('person')),
        'person page: errors or CSP refusals',
      ).toEqual([]);
    });

    it('power calculator: indices and exact values match /api/power; bad input names the field', async () => {
      const result = await api('/api/power?quota=12&weights=4,4,4,2,2,1&exact=true');
      const page = await open('/power?quota=12&weights=4,4,4,2,2,1&exact=true', 'power');
      await page.locator('[data-testid=winning]').waitFor();
      expect(await text(page, '[data-testid=winning]'), 'power page: winning coalitions').toBe(
        String(result.winningCoalitions),
      );
      expect(
        await page.locator('[data-testid=exact]').innerText(),
        'power page: exact Banzhaf of the first player',
      ).toContain(result.players[0].exact.banzhaf);
      await page.screenshot({ path: screenshotPath('power'), fullPage: true });

      const bad = await fetch(`${d.url}/api/power?quota=0&weights=1,2`);
      const problem = (await bad.json()) as Json;
      await page.getByLabel('Quota').fill('0');
      await page.getByLabel(/^Weights/).fill('1,2');
      await page.getByRole('button', { name: 'Calculate' }).click();
      await page.locator('[role=alert]').waitFor();
      expect(await text(page, '[role=alert]'), 'power page: readable error').toContain(problem.detail);
      expect(
        await page.getByLabel('Quota').getAttribute('aria-invalid'),
        'power page: the quota field is marked',
      ).toBe('true');

      // Starting from a council fills in its groups.
      const ctl = (await api('/api/control?council=council:stromworth')).councils[0];
      await page.getByLabel('Start from a council').selectOption('council:stromworth');
      await page.waitForURL(/council=council(:|%3A)stromworth/);
      await expect
        .poll(() => page.getByLabel(/^Weights/).inputValue(), {
          message: 'power page: weights from the council',
        })
        .toBe(ctl.groups.map((g: Json) => g.seats).join(','));
      await page.locator('[data-testid=winning]').waitFor();
      await finish(page, 'power');
    });

    it('forecast and articles without their API: a clear notice, never a blank page', async () => {
      const bareForecast = await browser.context.newPage();
      await bareForecast.route('**/api/forecasts?*', (route) =>
        route.fulfill({
          status: 404,
          contentType: 'application/problem+json',
          body: JSON.stringify({
            type: '/problems/not-found',
            title: 'No such record or route',
            status: 404,
            rule: 'route',
          }),
        }),
      );
      await bareForecast.goto(`${d.url}/forecast`);
      await bareForecast.locator('[data-testid=not-available]').waitFor();
      expect(
        await text(bareForecast, '[data-testid=not-available]'),
        'forecast page without its API: the notice names the missing route',
      ).toContain('/api/forecasts');
      await bareForecast.screenshot({ path: screenshotPath('forecast-without-api'), fullPage: true });
      await bareForecast.close();

      // Articles & review on a server without the review routes says the same, not a blank page.
      const bare = await browser.context.newPage();
      await bare.route('**/api/claims?*', (route) =>
        route.fulfill({
          status: 404,
          contentType: 'application/problem+json',
          body: JSON.stringify({
            type: '/problems/not-found',
            title: 'No such record or route',
            status: 404,
            rule: 'route',
          }),
        }),
      );
      await bare.goto(`${d.url}/articles`);
      await bare.locator('[data-testid=not-available]').waitFor();
      expect(
        await text(bare, '[data-testid=not-available]'),
        'articles page without its API: the notice',
      ).toContain('/api/claims');
      await bare.screenshot({ path: screenshotPath('articles-without-api'), fullPage: true });
      await bare.close();
    });

    it('not found: an unknown path is a 404 with a helpful page; an unknown council suggests the closest', async () => {
      const page = await browser.context.newPage();
      const res = await page.goto(`${d.url}/no/such/page`);
      expect(res?.status(), 'not-found page: HTTP status').toBe(404);
      await page.locator('[data-testid=not-found]').waitFor();
      expect(await text(page, 'h1'), 'not-found page: heading').toBe('Page not found');
      expect(await text(page, '[data-testid=not-found]'), 'not-found page: names the path').toContain(
        '/no/such/page',
      );
      await page.screenshot({ path: screenshotPath('not-found'), fullPage: true });
      await page.goto(`${d.url}/councils/STROMWORTHX`);
      await page.locator('[role=alert]').waitFor();
      expect(await text(page, '[role=alert]'), 'unknown council: readable message').toContain('Not found');
      expect(
        await page.locator('[role=alert] a[href^="/councils/council:"]').count(),
        'unknown council: suggestions',
      ).toBeGreaterThan(0);
      await page.screenshot({ path: screenshotPath('unknown-council'), fullPage: true });
      await page.close();
    });

    it('errors and slow work: a failed API call reads plainly and retries; slow views show progress', async () => {
      const page = await browser.context.newPage();
      const councilPower = (url: URL) => url.pathname.endsWith('/power') && !url.searchParams.has('group');
      await page.route(councilPower, (route) =>
        route.fulfill({
          status: 500,
          contentType: 'application/problem+json',
          body: JSON.stringify({
            type: '/problems/internal',
            title: 'Internal error',
            status: 500,
            detail: 'it has been logged',
          }),
        }),
      );
      await page.goto(`${d.url}/councils/STR`);
      const alert = page.locator('#power-h ~ [role=alert]');
      await alert.waitFor();
      expect(await alert.innerText(), 'council page with a failing API: readable error').toContain(
        'Could not load the groups’ voting power',
      );
      expect(await alert.innerText(), 'council page with a failing API: the server’s words').toContain(
        'it has been logged',
      );
      await page.unroute(councilPower);
      await alert.getByRole('button', { name: 'Try again' }).click();
      await page.locator('table.power').first().waitFor();
      await page.close();

      const slow = await browser.context.newPage();
      await slow.route('**/api/control/national', async (route) => {
        await new Promise((r) => setTimeout(r, 2500));
        await route.continue();
      });
      await slow.goto(`${d.url}/`);
      const progress = slow.locator('.loading', { hasText: 'Loading the national series' });
      await progress.waitFor();
      expect(
        await progress.locator('progress').count(),
        'national page while the series is slow: a progress bar',
      ).toBe(1);
      await expect
        .poll(() => progress.innerText(), { message: 'national page: elapsed seconds shown' })
        .toMatch(/\d s/);
      await slow.locator('[data-testid=series-table]').waitFor({ state: 'attached' });
      await slow.close();
    });

    it('lost connection: says so, keeps retrying, and recovers', async () => {
      const page = await browser.context.newPage();
      let offline = true;
      await page.route('**/api/people?*', (route) =>
        offline ? route.abort('internetdisconnected') : route.continue(),
      );
      await page.goto(`${d.url}/people?q=alan`);
      const banner = page.locator('.connection-lost');
      await banner.waitFor();
      expect(await banner.innerText(), 'people page offline: banner').toContain(
        'Lost the connection to the server',
      );
      await page.screenshot({ path: screenshotPath('connection-lost'), fullPage: true });
      offline = false;
      await banner.getByRole('button', { name: 'Retry now' }).click();
      await page.locator('[data-testid=people-results] li').first().waitFor();
      expect(await banner.count(), 'people page back online: banner gone').toBe(0);
      const results = await api('/api/people?q=alan&limit=50');
      expect(
        await page.locator('[data-testid=people-results] li').count(),
        'people page: results vs /api/people',
      ).toBe(results.items.length);
      await page.close();
    });

    it('escapes user-supplied text: markup in a name is shown as text and never run', async () => {
      const name = '<img src=x onerror="window.__pwned=1">Eve <b>Bold</b> & "Co"';
      const res = await fetch(`${d.url}/api/people`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${d.editor}` },
        body: JSON.stringify({ name, sourceId: 'source:generated-sample' }),
      });
      expect(res.status, 'creating the test person').toBe(201);
      const created = (await res.json()) as Json;
      const page = await open(`/people/${created.id}`, 'escaping');
      await expect.poll(() => text(page, 'h1'), { message: 'person page: the name as text' }).toBe(name);
      expect(
        await page.locator('main img, main b').count(),
        'person page: no element made from the name',
      ).toBe(0);
      expect(await page.evaluate('window.__pwned'), 'person page: no script ran').toBeUndefined();
      await finish(page, 'escaping');
    });

    it('accessible basics on every page: one h1, labelled controls, named images, language set', async () => {
      for (const path of [
        '/',
        '/councils/STR',
        '/people/person:11',
        '/power?quota=31&weights=39,10,5',
        '/articles',
        '/forecast',
        '/nope',
      ]) {
        const page = await browser.context.newPage();
        await page.goto(d.url + path, { waitUntil: 'networkidle' });
        const report = (await page.evaluate(`(() => {
          const unlabelled = [...document.querySelectorAll('input, select, textarea')]
            .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
            .map((el) => el.outerHTML.slice(0, 80));
          const unnamed = [...document.querySelectorAll('[role=img]')].filter((el) => !el.getAttribute('aria-label')).length;
          const buttons = [...document.querySelectorAll('button, a[href]')].filter((el) => !(el.textContent || '').trim() && !el.getAttribute('aria-label')).length;
          return { h1: document.querySelectorAll('h1').length, lang: document.documentElement.lang, unlabelled, unnamed, buttons };
        })()`)) as Json;
        expect(report, `${path}: accessibility basics`).toEqual({
          h1: 1,
          lang: 'en-GB',
          unlabelled: [],
          unnamed: 0,
          buttons: 0,
        });
        await page.close();
      }
    });

    it('phone-sized screen: no page scrolls sideways', async () => {
      const phone = await launchBrowser({ width: 390, height: 844 });
      try {
        for (const [name, path, ready] of [
          ['national', '/', '[data-testid=councils-table]'],
          ['council', '/councils/STR', '[data-testid=events]'],
          ['person', '/people/person:11', '[data-testid=candidacies]'],
          ['power', '/power?quota=31&weights=39,10,5,4,2', '[data-testid=winning]'],
          ['forecast', '/forecast', '[data-testid=forecast-form]'],
        ] as const) {
          const page = await phone.context.newPage();
          await page.goto(d.url + path);
          await page.locator(ready).first().waitFor();
          const [scroll, width] = (await page.evaluate(
            '[document.documentElement.scrollWidth, document.documentElement.clientWidth]',
          )) as number[];
          expect(
            scroll,
            `${name} page on a phone: page width ${scroll} px in a ${width} px screen`,
          ).toBeLessThanOrEqual(width!);
          await page.screenshot({ path: screenshotPath(`phone-${name}`), fullPage: true });
          await page.close();
        }
      } finally {
        await phone.close();
      }
    });

    it('serves the bundle: content types, caching, gzip and brotli, client routes, API 404s, no path traversal, JS under 200 KB gzipped', async () => {
      const assets = readdirSync(join(WEB_DIST, 'assets'));
      const js = assets.filter((f) => f.endsWith('.js'));
      const entry = js.find((f) => f.startsWith('index-'))!;
      const res = await fetch(`${d.url}/assets/${entry}`, { headers: { 'Accept-Encoding': 'gzip' } });
      expect(res.headers.get('content-type'), 'static: script type').toBe('text/javascript; charset=utf-8');
      expect(res.headers.get('cache-control'), 'static: hashed assets cached for a year').toBe(
        'public, max-age=31536000, immutable',
      );
      expect(await res.text(), 'static: script body').toBe(
        readFileSync(join(WEB_DIST, 'assets', entry), 'utf8'),
      );
      expect(res.headers.get('content-encoding'), 'static: gzip when only gzip is accepted').toBe('gzip');
      const br = await fetch(`${d.url}/assets/${entry}`, { headers: { 'Accept-Encoding': 'gzip, br' } });
      expect(br.headers.get('content-encoding'), 'static: brotli, compressed by the build').toBe('br');
      expect(await br.text(), 'static: brotli script body').toBe(
        readFileSync(join(WEB_DIST, 'assets', entry), 'utf8'),
      );
      const json = await fetch(`${d.url}/openapi.json`, {
        headers: { 'Accept-Encoding': 'gzip, br' },
      });
      expect(
        [json.headers.get('content-encoding'), json.headers.get('vary')],
        'API: JSON is compressed and says it varies',
      ).toEqual(['br', 'Accept-Encoding']);
      expect(((await json.json()) as Json).openapi, 'API: the compressed JSON reads back').toMatch(/^3\./);
      const again = await fetch(`${d.url}/assets/${entry}`, {
        headers: { 'If-None-Match': res.headers.get('etag')! },
      });
      expect(again.status, 'static: revalidation').toBe(304);
      const css = assets.find((f) => f.endsWith('.css'))!;
      expect(
        (await fetch(`${d.url}/assets/${css}`)).headers.get('content-type'),
        'static: stylesheet type',
      ).toBe('text/css; charset=utf-8');
      const index = await fetch(`${d.url}/councils/STR`);
      expect(
        [index.status, index.headers.get('content-type'), index.headers.get('cache-control')],
        'static: a client route',
      ).toEqual([200, 'text/html; charset=utf-8', 'no-cache']);
      expect(index.headers.get('content-security-policy'), 'static: the strict CSP').toBe(
        "default-src 'self'; frame-ancestors 'none'",
      );
      expect((await index.text()).includes('<script>'), 'static: no inline script').toBe(false);
      const unknown = await fetch(`${d.url}/no/such/page`);
      expect([unknown.status, unknown.headers.get('content-type')], 'static: an unknown page').toEqual([
        404,
        'text/html; charset=utf-8',
      ]);
      const apiMissing = await fetch(`${d.url}/api/no-such-thing`);
      expect(
        [apiMissing.status, apiMissing.headers.get('content-type')],
        'static: unknown API route',
      ).toEqual([404, 'application/problem+json; charset=utf-8']);
      expect(
        (await fetch(`${d.url}/assets/missing-123.js`)).status,
        'static: a missing asset is not HTML',
      ).toBe(404);
      for (const path of [
        '/%2e%2e/package.json',
        '/assets/..%2f..%2fpackage.json',
        '/..%5c..%5cpackage.json',
      ]) {
        const r = await fetch(d.url + path);
        expect(r.status, `static: ${path} stays inside web/dist`).toBe(404);
        expect(await r.text(), `static: ${path} leaks nothing`).not.toContain('"devDependencies"');
      }
      const head = await fetch(`${d.url}/`, { method: 'HEAD' });
      expect(head.status, 'static: HEAD /').toBe(200);

      const gz = (f: string) => gzipSync(readFileSync(join(WEB_DIST, 'assets', f))).byteLength;
      const total = js.reduce((n, f) => n + gz(f), 0);
      expect(
        gz(entry),
        `bundle: first-load JavaScript ${(gz(entry) / 1024).toFixed(1)} KB gzipped`,
      ).toBeLessThan(200 * 1024);
      expect(total, `bundle: all JavaScript ${(total / 1024).toFixed(1)} KB gzipped`).toBeLessThan(
        200 * 1024,
      );
    });

    it('forecast: an editor runs forecasts, watches progress, cancels one, compares two; council and national views match the API', async () => {
      const page = await open('/forecast', 'forecast');
      await page.getByLabel('Editor token').fill(d.editor);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.locator('[data-testid=signed-in]').waitFor();
      const idOf = () => new URL(page.url()).searchParams.get('id');
      const run = page.locator('[data-testid=forecast-run]');
      const start = async (runs: number, previous: string | null) => {
        await page.getByLabel('Runs', { exact: true }).fill(String(runs));
        await page.getByLabel('Polls', { exact: true }).fill('3');
        await page.getByLabel('Seed', { exact: true }).fill('11');
        await page.getByRole('button', { name: 'Run the forecast' }).click();
        await page.waitForURL((u) => (u.searchParams.get('id') ?? previous) !== previous);
        return idOf()!;
      };

      // A long run: its progress shows, and it can be cancelled.
      const long = await start(100_000, null);
      const progress = page.locator('[data-testid=forecast-progress]');
      await progress.waitFor();
      expect(await progress.getAttribute('max'), 'forecast page: progress out of the runs asked for').toBe(
        '100000',
      );
      await expect
        .poll(async () => Number(await progress.getAttribute('value')), {
          message: 'forecast page: progress moves',
          timeout: 60_000,
        })
        .toBeGreaterThan(0);
      await page.screenshot({ path: screenshotPath('forecast-progress'), fullPage: true });
      await run.getByRole('button', { name: 'Cancel' }).click();
      await expect
        .poll(() => run.getAttribute('data-status'), { message: 'forecast page: cancelled' })
        .toBe('cancelled');
      expect((await api(`/api/forecasts/${long}`)).status, 'forecast: cancelled, per the API').toBe(
        'cancelled',
      );

      // A short run to the end, and its national figures against the API.
      const base = await start(2000, long);
      await page.locator('[data-testid=forecast-run][data-status=done]').waitFor({ timeout: 120_000 });
      const baseJob = await api(`/api/forecasts/${base}`);
      expect(baseJob.status).toBe('done');
      const cells = async (row: string) =>
        (await page.locator(row).locator('td.num').allInnerTexts()).map((t) => t.trim());
      // Every faction and party at some count in some run is listed; the ones at 0 throughout are counted.
      const listed = (result: Json, key: string) =>
        new Set(
          result.polls.flatMap((p: Json) =>
            Object.entries((p.national[key] ?? {}) as Record<string, Json>)
              .filter(([, q]) => q.p95 > 0)
              .map(([id]) => id),
          ),
        );
      for (const key of ['factionRunCouncils', 'partyMajorityCouncils']) {
        const live = listed(baseJob.result, key);
        for (const p of baseJob.result.polls) {
          for (const [org, q] of Object.entries((p.national[key] ?? {}) as Record<string, Json>)) {
            const row = `[data-testid=national-result] tr[data-poll="${p.date}"][data-org="${org}"]`;
            if (live.has(org))
              expect(await cells(row), `forecast page: ${org} after ${p.date}`).toEqual([
                String(q.p5),
                String(q.p50),
                String(q.p95),
              ]);
            else expect(await page.locator(row).count(), `forecast page: ${org}, at 0 throughout`).toBe(0);
          }
        }
      }
      // A fan chart of faction-run councils when a faction runs one in some run, and one of majorities.
      const some = (key: string) =>
        baseJob.result.polls.some((p: Json) =>
          Object.values((p.national[key] ?? {}) as Record<string, Json>).some((q) => q.p95 > 0),
        );
      const charts = (some('factionRunCouncils') ? 1 : 0) + (some('partyMajorityCouncils') ? 1 : 0);
      expect(charts, 'forecast: the small sample has majorities to draw').toBeGreaterThan(0);
      await page.locator('[data-testid=forecast-result] .plot-host svg').first().waitFor();
      expect(
        await page.locator('[data-testid=forecast-result] .plot-host svg').count(),
        'forecast page: the fan charts drawn',
      ).toBe(charts);
      await page.screenshot({ path: screenshotPath('forecast-result'), fullPage: true });

      // The same with a scenario: a party shift, beside its baseline.
      // A scenario: more selection turnover (retirements), which moves control odds across the councils.
      await page.getByLabel('Scenario name').fill('Turnover test');
      await page.getByRole('button', { name: 'Add a parameter' }).click();
      await page.getByLabel('Parameter 1', { exact: true }).selectOption('retirementProbability');
      await page.getByLabel('Value 1', { exact: true }).fill('0.7');
      const scenario = await start(2000, base);
      await page.locator('[data-testid=forecast-run][data-status=done]').waitFor({ timeout: 120_000 });
      const scenarioJob = await api(`/api/forecasts/${scenario}`);
      expect(scenarioJob.result.scenario, 'forecast: the scenario was sent').toMatchObject({
        name: 'Turnover test',
        overrides: { retirementProbability: 0.7 },
      });
      const svb = page.locator('[data-testid=scenario-vs-baseline] tbody tr');
      await svb.first().waitFor();
      const expectedRows = scenarioJob.result.polls.reduce(
        (n: number, p: Json, i: number) =>
          n +
          new Set([
            ...Object.keys(p.national.factionRunCouncils),
            ...Object.keys(scenarioJob.result.baseline.polls[i].national.factionRunCouncils),
          ]).size,
        0,
      );
      expect(await svb.count(), 'forecast page: scenario against baseline rows').toBe(expectedRows);

      // Compare the plain run with the scenario run, from the saved list.
      await page.getByLabel(`Compare ${base} as A`).check();
      await page.getByLabel(`Compare ${scenario} as B`).check();
      await page.getByRole('button', { name: 'Compare A with B' }).click();
      await page.waitForURL(/a=.*&b=/);
      const comparison = await api(`/api/forecasts/compare?a=${base}&b=${scenario}`);
      await page.locator('[data-testid=forecast-compare] ul').waitFor();
      await page.locator('[data-testid=forecast-compare] h3').first().waitFor();
      for (const n of comparison.national) {
        for (const [faction, change] of Object.entries(n.factionRunCouncilsP50 as Record<string, number>)) {
          expect(
            await page
              .locator(`[data-testid=compare-national] tr[data-poll="${n.date}"][data-faction="${faction}"]`)
              .getAttribute('data-change'),
            `forecast compare: change for ${faction} after ${n.date}`,
          ).toBe(String(change));
        }
      }
      // Rows for the factions at a median above 0 in either forecast (or whose median moved), with both medians.
      const median = (job: Json, date: string, id: string) =>
        job.result.polls.find((p: Json) => p.date === date)?.national.factionRunCouncils[id]?.p50 ?? 0;
      for (const n of comparison.national) {
        for (const id of Object.keys(baseJob.result.polls[0].national.factionRunCouncils)) {
          const [ma, mb] = [median(baseJob, n.date, id), median(scenarioJob, n.date, id)];
          const row = page.locator(
            `[data-testid=compare-national] tr[data-poll="${n.date}"][data-faction="${id}"]`,
          );
          if (ma > 0 || mb > 0 || n.factionRunCouncilsP50[id])
            expect(
              (await row.locator('td.num').allInnerTexts()).slice(0, 2),
              `forecast compare: medians of ${id} after ${n.date}`,
            ).toEqual([String(ma), String(mb)]);
          else expect(await row.count(), `forecast compare: ${id} at 0 in both`).toBe(0);
        }
      }
      expect(comparison.councils.length, 'forecast compare: the party shift moved some odds').toBeGreaterThan(
        0,
      );
      expect(
        await page.locator('[data-testid=compare-councils] tbody tr').count(),
        'forecast compare: councils whose odds moved',
      ).toBe(comparison.councils.length);
      const moved = comparison.councils[0];
      const [party, change] = Object.entries(moved.pPartyMajority as Record<string, number>)[0] ?? [];
      if (party)
        expect(
          await page
            .locator(
              `[data-testid=compare-councils] tr[data-poll="${moved.date}"][data-council="${moved.council}"]`,
            )
            .innerText(),
          'forecast compare: a council’s change in points',
        ).toContain(`${change! > 0 ? '+' : '−'}${(Math.abs(change!) * 100).toFixed(1)} pts`);
      await page
        .locator('[data-testid=forecast-compare]')
        .screenshot({ path: screenshotPath('forecast-compare') });
      await finish(page, 'forecast');

      // The council page's fan chart and odds, from the latest forecast that covers it.
      const latest = await api('/api/forecast?council=STR');
      // (The test server's clock stands still, so which of the runs is "latest" is the server's choice.)
      expect([base, scenario], 'the latest forecast covering STR is one of these').toContain(latest.id);
      const councilPage = await open('/councils/STR', 'council-forecast');
      const seats = councilPage.locator('[data-testid=forecast-seats] tbody tr');
      await seats.first().waitFor();
      const mine = latest.polls.flatMap((p: Json) =>
        p.councils
          .filter((c: Json) => c.council === 'council:stromworth')
          .map((c: Json) => ({ date: p.date, c })),
      );
      expect(mine.length, 'council forecast: Stromworth polls in the horizon').toBeGreaterThan(0);
      expect(await seats.count(), 'council forecast: one row per poll and party').toBe(
        mine.reduce((n: number, m: Json) => n + Object.keys(m.c.seats).length, 0),
      );
      for (const { date, c } of mine) {
        for (const [party, q] of Object.entries(c.seats as Record<string, Json>)) {
          const row = councilPage.locator(
            `[data-testid=forecast-seats] tr[data-poll="${date}"][data-party="${party}"]`,
          );
          expect(
            (await row.locator('td.num').allInnerTexts()).map((t) => t.trim()),
            `council forecast: ${party} after ${date}`,
          ).toEqual([String(q.p5), String(q.p50), String(q.p95), percent(c.pPartyMajority[party] ?? 0)]);
        }
      }
      const section = councilPage.locator('#forecast-h').locator('xpath=..');
      await section.locator('.plot-host svg').first().waitFor();
      expect(
        await section.locator('.plot-host svg').getAttribute('aria-label'),
        'council forecast: the fan chart is labelled',
      ).toContain('Fan chart');
      await section.screenshot({ path: screenshotPath('council-forecast-section') });
      await finish(councilPage, 'council-forecast');

      // The national series carried on by the latest national forecast, with intervals.
      const nationalLatest = await api('/api/forecast');
      const nationalPage = await open('/', 'national-forecast');
      await nationalPage.locator('[data-testid=national-forecast]').waitFor({ timeout: 60_000 });
      const history = await api('/api/control/national');
      const drawn = new Set(
        Object.keys(nationalLatest.polls[0].national.factionRunCouncils).filter(
          (f) =>
            nationalLatest.polls.some((p: Json) => p.national.factionRunCouncils[f]?.p95 > 0) ||
            history.series.some((s: Json) => (s.factions[f] ?? 0) > 0),
        ),
      );
      if (drawn.size === 0)
        expect(
          await text(nationalPage, '[data-testid=no-faction-runs]'),
          'national forecast: says no faction runs a council',
        ).toContain('No faction ran a council');
      for (const p of nationalLatest.polls) {
        for (const [f, q] of Object.entries(p.national.factionRunCouncils as Record<string, Json>)) {
          const row = nationalPage.locator(
            `[data-testid=forecast-series-table] tr[data-poll="${p.date}"][data-faction="${f}"] td.num`,
          );
          if (!drawn.has(f)) {
            expect(await row.count(), `national forecast: ${f} at 0 throughout`).toBe(0);
            continue;
          }
          expect(
            (await row.allTextContents()).map((t) => t.trim()),
            `national forecast: ${f} after ${p.date}`,
          ).toEqual([String(q.p5), String(q.p50), String(q.p95)]);
        }
      }
      await nationalPage
        .locator('[data-testid=national-forecast]')
        .screenshot({ path: screenshotPath('national-forecast-section') });
      await finish(nationalPage, 'national-forecast');
    }, 240_000);

    // Last: accepting a claim writes to the registry, which the tests above read.
    it('articles & review: an editor submits an article, sees the evidence marked, accepts and rejects claims', async () => {
      const endpoint = '/api/claims?status=proposed&limit=50';
      const status = (await fetch(d.url + endpoint)).status;
      const page = await open('/articles', 'articles');
      await page.locator('main h1').waitFor();
      if (status === 404) {
        await page.locator('[data-testid=not-available]').waitFor();
        expect(
          await text(page, '[data-testid=not-available]'),
          'articles page: the notice names the missing route',
        ).toContain('/api/claims');
        await finish(page, 'articles');
        return;
      }
      const article =
        'Stromworth Labour Party has deselected Cllr Alan Fox, the Leader of Stromworth Council, ahead of the May elections. ' +
        'Cllr Rajesh Baker has defected from Labour to the Green Party.';
      await page.getByLabel('Editor token').fill(d.editor);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.locator('[data-testid=signed-in]').waitFor();
      await page.getByLabel('Title', { exact: true }).fill('Shake-up in Stromworth');
      await page.getByLabel('Published on').fill('2026-11-20');
      await page.getByLabel(/^Text/).fill(article);
      await page.getByRole('button', { name: 'Extract and save the claims' }).click();
      const saved = page.locator('[data-testid=saved-article]');
      await saved.waitFor();
      const queue = await api(endpoint);
      const mine = queue.claims.filter(
        (c: Json) => article.slice(c.evidence.start, c.evidence.end) === c.evidence.text,
      );
      expect(mine.length, 'articles page: the article gave claims').toBeGreaterThan(0);
      expect(await saved.locator('[data-claim]').count(), 'articles page: claims shown vs /api/claims').toBe(
        mine.length,
      );
      const marked = await saved.locator('mark').allInnerTexts();
      for (const c of mine) {
        expect(
          marked.some((m) => m.includes(c.evidence.text)),
          `articles page: evidence of claim ${c.id} marked in the text`,
        ).toBe(true);
      }
      const defection = mine.find((c: Json) => c.type === 'defection') ?? mine[0];
      const card = saved.locator(`[data-claim="${defection.id}"]`);
      await card.getByRole('button', { name: 'Accept' }).click();
      await card.locator('[data-testid=accepted]').waitFor();
      const after = await api(`/api/claims/${defection.id}`);
      expect(after.status, 'articles page: the accepted claim, per the API').toBe('accepted');
      expect(
        await card.locator('[data-testid=accepted] li').count(),
        'articles page: facts listed vs the API',
      ).toBe(after.facts.length);
      await expect
        .poll(() => page.locator(`[data-testid=queue] [data-claim="${defection.id}"]`).count(), {
          message: 'articles page: queue refreshed',
        })
        .toBe(0);
      const other = mine.find((c: Json) => c.id !== defection.id);
      if (other) {
        const otherCard = saved.locator(`[data-claim="${other.id}"]`);
        await otherCard.getByLabel('Reason to reject').fill('not what the article says');
        await otherCard.getByRole('button', { name: 'Reject' }).click();
        await otherCard.getByText('Rejected.').waitFor();
        expect(
          (await api(`/api/claims/${other.id}`)).status,
          'articles page: the rejected claim, per the API',
        ).toBe('rejected');
      }
      await finish(page, 'articles');
    });
  },
);
