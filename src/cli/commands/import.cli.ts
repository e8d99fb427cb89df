/**
 * `caucus import dc-candidates|dc-results|lga-results|councils|council-names|wards FILE` and
 * `caucus export dc-candidates|lga-results`: real data in and out (docs/formats.md).
 */
import { createWriteStream } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { ImportSummary } from '../../app/commands/import.commands.js';
import type { ResultsExport } from '../../app/commands/results-export.commands.js';
import { type CliGroups, readInputFile, withContext } from '../context.js';
import { type Output, type Style, table } from '../output.js';

const FORMATS: ReadonlyArray<[string, string]> = [
  ['dc-candidates', 'a Democracy Club candidates CSV (current or legacy layout)'],
  ['dc-results', 'Democracy Club result sets JSON (API v0.9 shape)'],
  ['lga-results', 'an LGA election results CSV (the 33-column schema councils publish)'],
  ['councils', "mySociety's local authorities CSV"],
  ['council-names', "mySociety's council name lookup CSV"],
  ['wards', 'a ward list (Democracy Club ward list, Every Election division set CSV or JSON)'],
];

const n = (x: number) => x.toLocaleString('en-GB');

export function renderImport(r: ImportSummary, s: Style): string {
  const lines = [
    s.bold(
      `imported ${r.file} (${r.format}): ${n(r.rows)} row(s), ${n(r.rejected)} rejected; ${n(r.totals.added)} record(s) added, ${n(r.totals.updated)} updated, ${n(r.totals.unchanged)} unchanged`,
    ),
    table(
      ['table', 'added', 'updated', 'unchanged'],
      Object.entries(r.tables).map(([t, c]) => [t, c.added, c.updated, c.unchanged]),
    ),
  ];
  if (r.merged.length) {
    lines.push('', s.bold(`merged ${r.merged.length} record(s) of the same person (caucus people log):`));
    for (const m of r.merged.slice(0, 50)) lines.push(`  ${m.merged} -> ${m.kept} (${m.score}: ${m.reason})`);
    if (r.merged.length > 50) lines.push(s.dim(`  ... ${r.merged.length - 50} more`));
  }
  if (r.review.length) {
    lines.push('', s.bold(`${r.review.length} possible match(es) to review (caucus people review):`));
    for (const p of r.review.slice(0, 50))
      lines.push(`  ${p.a.name} [${p.a.id}] ~ ${p.b.name} [${p.b.id}]  ${p.score}  ${s.dim(p.reason)}`);
    if (r.review.length > 50) lines.push(s.dim(`  ... ${r.review.length - 50} more`));
  }
  if (r.schemes.length)
    lines.push(
      '',
      `election schemes filled in from the history (none was declared): ${r.schemes.map((x) => `${x.council} ${x.scheme} (${x.polls} polls)`).join(', ')}`,
    );
  if (r.notes.length) lines.push('', ...r.notes.map((x) => s.dim(`note: ${x}`)));
  if (r.rejectsFile) lines.push('', `rejected rows with their reasons: ${r.rejectsFile}`);
  return lines.join('\n');
}

/** Writes an export to a file (whole, or not at all) or to stdout. */
export async function writeExport(
  e: Pick<ResultsExport, 'council' | 'chunks'> & {
    stats: { rows: number } & Partial<ResultsExport['stats']>;
  },
  outFile: string | undefined,
  out: Output,
  what: string,
): Promise<void> {
  if (!outFile) {
    for await (const chunk of e.chunks)
      if (!process.stdout.write(chunk))
        await new Promise<void>((r) => process.stdout.once('drain', () => r()));
    return;
  }
  const tmp = `${outFile}.partial`;
  const stream = createWriteStream(tmp);
  try {
    for await (const chunk of e.chunks)
      if (!stream.write(chunk)) await new Promise<void>((r) => stream.once('drain', () => r()));
    await new Promise<void>((resolve, reject) =>
      stream.end((err?: Error | null) => (err ? reject(err) : resolve())),
    );
    await rename(tmp, outFile);
  } catch (err) {
    stream.destroy();
    await rm(tmp, { force: true });
    throw err;
  }
  const missing = e.stats.withoutDcPersonId;
  out.info(
    `wrote ${outFile}: ${n(e.stats.rows)} ${what} row(s)${e.council ? ` for ${e.council.name}` : ''}${
      missing && what === 'Democracy Club candidates'
        ? `; ${n(missing)} without a Democracy Club person id (person_id left empty)`
        : ''
    }`,
  );
}

export function registerImportCommands({ importCmd, exportCmd }: CliGroups): void {
  for (const [format, what] of FORMATS) {
    const cmd = importCmd
      .command(`${format} <file>`)
      .description(`import ${what}: atomic and idempotent (docs/formats.md)`)
      .option('--skip-invalid', 'import the good rows and write the bad ones, with reasons, to a rejects CSV')
      .option('--rejects <file>', 'where to write rejected rows (default FILE.rejects.csv)')
      .option('--published <date>', 'publication date of the dataset (YYYY-MM-DD), recorded on its source');
    if (format === 'wards') cmd.option('--valid-from <date>', 'start date for wards whose file gives none');
    cmd.action(
      async (
        file: string,
        o: { skipInvalid?: boolean; rejects?: string; published?: string; validFrom?: string },
        c: Command,
      ) =>
        withContext(c, async (ctx, out) => {
          const { importData, rejectsCsv, defaultRejectsPath } = await import(
            '../../app/commands/import.commands.js'
          );
          const { summary, rejects } = await importData(ctx, {
            format,
            file,
            text: await readInputFile(file),
            skipInvalid: Boolean(o.skipInvalid),
            ...(o.published ? { published: o.published } : {}),
            ...(o.validFrom ? { validFrom: o.validFrom } : {}),
          });
          if (o.skipInvalid && rejects.length) {
            const path = o.rejects ?? defaultRejectsPath(file);
            await writeFile(path, rejectsCsv(rejects));
            summary.rejectsFile = path;
          }
          out.result(summary, renderImport);
        }),
    );
  }

  exportCmd
    .command('dc-candidates')
    .description("results as a Democracy Club candidates CSV (plus the council's GSS code and votes)")
    .option('--council <id>', 'one council (id, three-letter code or GSS code)')
    .option('--out <file>', 'write to a file instead of stdout')
    .action(async (o: { council?: string; out?: string }, c: Command) =>
      withContext(c, async (ctx, out) => {
        const { exportDcCandidates } = await import('../../app/commands/results-export.commands.js');
        await writeExport(
          await exportDcCandidates(ctx, { council: o.council }),
          o.out,
          out,
          'Democracy Club candidates',
        );
      }),
    );

  exportCmd
    .command('lga-results')
    .description('results as an LGA election results CSV (33 columns)')
    .option('--council <id>', 'one council (id, three-letter code or GSS code)')
    .option('--out <file>', 'write to a file instead of stdout')
    .action(async (o: { council?: string; out?: string }, c: Command) =>
      withContext(c, async (ctx, out) => {
        const { exportLgaResults } = await import('../../app/commands/results-export.commands.js');
        await writeExport(await exportLgaResults(ctx, { council: o.council }), o.out, out, 'LGA results');
      }),
    );
}
