/**
 * Turns measurements into the committed results: latest.json in the issue's shape (plus detail), a
 * Markdown table with the targets checked, and the scale curve as a hand-written SVG line chart (p99 per
 * route against action items, log-x).
 */
import { cpus, loadavg, totalmem } from 'node:os';
import type { BackendResult, RouteResult } from './measure.ts';

export type Targets = { readP99Ms: number; readFloorRatio: number; writeRps: number; writeP99Ms: number; searchP99Ms: number; reviewP99Ms: number; sweepMs: number; coldStartMs: number; pgliteRatio: number };

export const TARGETS: Targets = { readP99Ms: 10, readFloorRatio: 2, writeRps: 1000, writeP99Ms: 20, searchP99Ms: 50, reviewP99Ms: 500, sweepMs: 1000, coldStartMs: 2000, pgliteRatio: 3 };

export function machine(): string {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model.trim() ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GB RAM, Node ${process.version}, load average at start ${loadavg().map((n) => n.toFixed(2)).join(' ')}`;
}

/** Whether a route meets its target, and the target as words. */
export function verdict(name: string, r: RouteResult, coldStart?: number): { ok: boolean; target: string } {
  switch (r.kind) {
    case 'read': {
      const ok = r.p99Ms <= TARGETS.readP99Ms && (r.floorRatio === undefined || r.floorRatio <= TARGETS.readFloorRatio) && r.errors === 0;
      return { ok, target: `p99 ≤ ${TARGETS.readP99Ms} ms and ≤ ${TARGETS.readFloorRatio}× floor` };
    }
    case 'write':
      return { ok: r.rps >= TARGETS.writeRps && r.p99Ms <= TARGETS.writeP99Ms && r.errors === 0, target: `≥ ${TARGETS.writeRps}/s, p99 ≤ ${TARGETS.writeP99Ms} ms` };
    case 'search':
      return { ok: r.p99Ms <= TARGETS.searchP99Ms && r.errors === 0, target: `p99 ≤ ${TARGETS.searchP99Ms} ms` };
    case 'review':
      return { ok: r.p99Ms <= TARGETS.reviewP99Ms && r.errors === 0, target: `p99 ≤ ${TARGETS.reviewP99Ms} ms` };
    case 'sweep':
      return name.includes('steady') ? { ok: r.p99Ms <= TARGETS.sweepMs, target: `≤ ${TARGETS.sweepMs} ms` } : { ok: true, target: 'reported (daily burst)' };
    default:
      return { ok: coldStart !== undefined && coldStart <= TARGETS.coldStartMs, target: '' };
  }
}

export type LatestJson = ReturnType<typeof latestJson>;

/** The issue's shape: PostgreSQL routes with their floors, PGlite p99 and its ratio to PostgreSQL. */
export function latestJson(pgResult: BackendResult, pgliteResult: BackendResult | undefined, settings: Record<string, string>, notes: string[]) {
  const scale = {
    actionItems: pgResult.seed.plan.items,
    collaborations: pgResult.seed.plan.collaborations,
    people: 5000,
    departments: 200,
    years: Math.round((pgResult.seed.plan.spanDays / 365) * 10) / 10,
    smallOrganizations: pgResult.seed.plan.smallOrgs,
    rows: pgResult.seed.rows,
  };
  const routes = Object.fromEntries(
    Object.entries(pgResult.routes).map(([name, r]) => [
      name,
      {
        kind: r.kind,
        p50Ms: r.p50Ms,
        p99Ms: r.p99Ms,
        rps: r.rps,
        ...(r.floorP99Ms !== undefined ? { floorP99Ms: r.floorP99Ms, floorRatio: r.floorRatio, floorMatches: r.floorMatches ?? null } : {}),
        ...(r.serialP99Ms !== undefined ? { oneAtATimeP50Ms: r.serialP50Ms, oneAtATimeP99Ms: r.serialP99Ms } : {}),
        count: r.count,
        errors: r.errors,
        meetsTarget: verdict(name, r).ok,
      },
    ]),
  );
  const pglite = pgliteResult
    ? {
        scale: { actionItems: pgliteResult.seed.plan.items },
        coldStartMs: pgliteResult.coldStartMs,
        ...Object.fromEntries(
          Object.entries(pgliteResult.routes).map(([name, r]) => {
            const pgR = pgResult.routes[name];
            const comparable = pgR && pgliteResult.seed.plan.items === pgResult.seed.plan.items;
            return [name, { p99Ms: r.p99Ms, p50Ms: r.p50Ms, rps: r.rps, ratioToPostgres: comparable ? Math.round((r.p99Ms / pgR.p99Ms) * 100) / 100 : null, errors: r.errors }];
          }),
        ),
      }
    : null;
  return {
    machine: machine(),
    measuredAt: new Date().toISOString(),
    scale,
    backend: 'postgresql',
    postgresSettings: settings,
    concurrency: 16,
    coldStartMs: pgResult.coldStartMs,
    coldStartRunsMs: pgResult.coldStartRunsMs,
    seeding: { rows: pgResult.seed.totalRows, seconds: Math.round(pgResult.seed.seconds), rowsPerSecond: pgResult.seed.rowsPerSecond, indexSeconds: Math.round(pgResult.seed.indexSeconds) },
    fixtures: pgResult.fixtures,
    routes,
    sweep: pgResult.sweep,
    diagnostics: pgResult.diagnostics,
    pglite,
    targets: TARGETS,
    notes,
  };
}

const fmt = (n: number | undefined | null, digits = 1) => (n === undefined || n === null || Number.isNaN(n) ? '–' : n.toFixed(digits));

export function latestMarkdown(pg: BackendResult, pglite: BackendResult | undefined, settings: Record<string, string>, notes: string[], scales: BackendResult[]): string {
  const lines: string[] = [];
  lines.push(`# Liaison benchmark — ${pg.seed.plan.items.toLocaleString('en')} action items`, '');
  lines.push(`Machine: ${machine()}. Load generator, floor and server on the same machine; 16 concurrent keep-alive connections; every route warmed first.`, '');
  lines.push(`Data: one company of 5,000 people in 200 departments with ${pg.seed.plan.collaborations.toLocaleString('en')} collaborations over ${(pg.seed.plan.spanDays / 365).toFixed(1)} years ` +
    `(${pg.seed.totalRows.toLocaleString('en')} rows in all, 50 small companies beside it), seeded at ${pg.seed.rowsPerSecond.toLocaleString('en')} rows/s (${Math.round(pg.seed.seconds)} s incl. ${Math.round(pg.seed.indexSeconds)} s of index builds).`, '');
  lines.push(`Signed in as a department member (not admin): ${pg.fixtures.visibleCollaborations.toLocaleString('en')} collaborations visible, ${pg.fixtures.memberOpenItems} open items of their own; review of ${pg.fixtures.quarter}.`, '');
  lines.push(`Cold start (spawn → first answered request, median of 3): PostgreSQL **${fmt(pg.coldStartMs, 0)} ms**${pglite ? `, PGlite **${fmt(pglite.coldStartMs, 0)} ms** (${pglite.seed.plan.items.toLocaleString('en')} items)` : ''} — target ≤ 2,000 ms.`, '');
  lines.push('| route | kind | p50 ms | p99 ms | rps | floor p99 ms | ours / floor | floor same rows | one at a time p50 / p99 ms | target | met | PGlite p99 ms | PGlite / PG |');
  lines.push('|---|---|---:|---:|---:|---:|---:|:-:|---:|---|:-:|---:|---:|');
  for (const [name, r] of Object.entries(pg.routes)) {
    const v = verdict(name, r);
    const lite = pglite?.routes[name];
    const comparable = lite && pglite!.seed.plan.items === pg.seed.plan.items;
    lines.push(
      `| ${name} | ${r.kind} | ${fmt(r.p50Ms)} | ${fmt(r.p99Ms)} | ${r.kind === 'sweep' ? '–' : r.rps} | ${fmt(r.floorP99Ms)} | ${fmt(r.floorRatio, 2)} | ${r.floorMatches === undefined ? '–' : r.floorMatches ? 'yes' : 'NO'} | ${r.serialP99Ms === undefined ? '–' : `${fmt(r.serialP50Ms)} / ${fmt(r.serialP99Ms)}`} | ${v.target} | ${v.ok ? 'yes' : '**no**'} | ${fmt(lite?.p99Ms)} | ${comparable ? fmt(lite.p99Ms / r.p99Ms, 2) : '–'} |`,
    );
  }
  lines.push('');
  const write = Object.values(pg.routes).find((r) => r.kind === 'write');
  const bare = pg.diagnostics?.writeFloorWithoutAudit;
  if (write && bare) {
    lines.push(
      `Writes: the app ${write.rps}/s (p99 ${fmt(write.p99Ms)} ms); the hand-written write floor (entry, item, audit event; the audit hash chain links it at commit) ${write.floorRps ?? '–'}/s (p99 ${fmt(write.floorP99Ms)} ms); ` +
        `the same floor without the audit event ${bare.rps}/s (p99 ${fmt(bare.p99Ms)} ms). Every commit is durable (synchronous_commit on, fsync on).`,
      '',
    );
  }
  lines.push(`Sweep: first of the day ${fmt(pg.sweep.firstMs, 0)} ms (raised ${Object.entries(pg.sweep.firstRaised).map(([k, n]) => `${k} ${n}`).join(', ')}); steady state ${pg.sweep.steadyRunsMs.map((n) => fmt(n, 0)).join(', ')} ms.`, '');
  lines.push(`Errors: ${Object.entries(pg.routes).filter(([, r]) => r.errors).map(([n, r]) => `${n}: ${r.errors} (${r.firstError})`).join('; ') || 'none'}.`, '');
  if (scales.length > 1) {
    lines.push('## Scale (PostgreSQL p99 ms)', '');
    const pgScales = scales.filter((s) => s.backend === 'postgres').sort((a, b) => a.items - b.items);
    lines.push(`| route | ${pgScales.map((s) => s.items.toLocaleString('en')).join(' | ')} |`);
    lines.push(`|---|${pgScales.map(() => '---:').join('|')}|`);
    for (const name of Object.keys(pg.routes)) lines.push(`| ${name} | ${pgScales.map((s) => fmt(s.routes[name]?.p99Ms)).join(' | ')} |`);
    lines.push('', '![p99 against scale](scaling.svg)', '');
  }
  lines.push('## PostgreSQL settings', '', Object.entries(settings).map(([k, v]) => `\`${k}=${v}\``).join(' · '), '');
  if (notes.length) lines.push('## Notes', '', ...notes.map((n) => `- ${n}`), '');
  return lines.join('\n');
}

/** p99 per route against scale (log-x), one line per route, PostgreSQL. */
export function scalingSvg(results: BackendResult[]): string {
  const pg = results.filter((r) => r.backend === 'postgres').sort((a, b) => a.items - b.items);
  const names = Object.keys(pg.at(-1)?.routes ?? {}).filter((n) => !n.includes('first of the day'));
  const width = 980;
  const height = 560;
  const left = 70;
  const right = 420;
  const top = 40;
  const bottom = 60;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const xs = pg.map((r) => Math.log10(r.items));
  const [xMin, xMax] = [Math.min(...xs), Math.max(...xs)];
  const values = pg.flatMap((r) => names.map((n) => r.routes[n]?.p99Ms ?? 0)).filter((v) => v > 0);
  const yMax = Math.max(1, ...values);
  const yMin = Math.max(0.1, Math.min(...values));
  const logY = (v: number) => top + plotH - ((Math.log10(Math.max(v, yMin)) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin) || 1)) * plotH;
  const xOf = (items: number) => left + (xMax === xMin ? plotW / 2 : ((Math.log10(items) - xMin) / (xMax - xMin)) * plotW);
  const palette = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf', '#393b79', '#637939', '#8c6d31', '#843c39', '#7b4173', '#3182bd', '#e6550d', '#31a354'];
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`);
  parts.push(`<rect width="${width}" height="${height}" fill="white"/>`);
  parts.push(`<text x="${left}" y="22" font-size="15" font-weight="bold">p99 latency (ms, log) against action items (log), PostgreSQL 15, 16 connections</text>`);
  const ticks: number[] = [];
  for (let e = Math.floor(Math.log10(yMin)); e <= Math.ceil(Math.log10(yMax)); e++) for (const m of [1, 2, 5]) ticks.push(m * 10 ** e);
  for (const t of ticks.filter((t) => t >= yMin * 0.999 && t <= yMax * 1.001)) {
    const y = logY(t);
    parts.push(`<line x1="${left}" x2="${left + plotW}" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}" stroke="#eee"/>`);
    parts.push(`<text x="${left - 6}" y="${(y + 4).toFixed(1)}" text-anchor="end">${t}</text>`);
  }
  for (const r of pg) {
    const x = xOf(r.items);
    parts.push(`<line x1="${x.toFixed(1)}" x2="${x.toFixed(1)}" y1="${top}" y2="${top + plotH}" stroke="#eee"/>`);
    parts.push(`<text x="${x.toFixed(1)}" y="${top + plotH + 18}" text-anchor="middle">${r.items.toLocaleString('en')}</text>`);
  }
  parts.push(`<rect x="${left}" y="${top}" width="${plotW}" height="${plotH}" fill="none" stroke="#999"/>`);
  parts.push(`<text x="${left + plotW / 2}" y="${height - 15}" text-anchor="middle">action items in the database</text>`);
  names.forEach((name, k) => {
    const color = palette[k % palette.length]!;
    const points = pg.filter((r) => r.routes[name]).map((r) => `${xOf(r.items).toFixed(1)},${logY(r.routes[name]!.p99Ms).toFixed(1)}`);
    if (points.length > 1) parts.push(`<polyline points="${points.join(' ')}" fill="none" stroke="${color}" stroke-width="2"/>`);
    for (const p of points) parts.push(`<circle cx="${p.split(',')[0]}" cy="${p.split(',')[1]}" r="3" fill="${color}"/>`);
    const ly = top + 8 + k * 18;
    parts.push(`<line x1="${left + plotW + 16}" x2="${left + plotW + 36}" y1="${ly}" y2="${ly}" stroke="${color}" stroke-width="3"/>`);
    parts.push(`<text x="${left + plotW + 42}" y="${ly + 4}">${esc(name)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}
