import { ConfigError } from '@tenant-isolation/core';
import { UsageError } from '@tenant-isolation/codemod';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { BaselineError, REPORT_FORMATS, ShardError, TsconfigError } from '@tenant-isolation/report';
import { initCommand } from './init-command';
import { defaultWorkers, migrateCommand } from './migrate-command';
import { collectFormats, DEFAULT_BASELINE, mergeCommand, reportCommand } from './report-command';
import { processOutput, type Output } from './output';

export const EXIT = { ok: 0, gateFailed: 1, usage: 2, internal: 3 } as const;

function percentage(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 100) throw new InvalidArgumentError('expected a percentage from 0 to 100.');
  return n;
}

function formats(value: string, previous: Parameters<typeof collectFormats>[1]): ReturnType<typeof collectFormats> {
  try {
    return collectFormats(value, previous);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of 1 or more.');
  return n;
}

export function buildProgram(output: Output, setExit: (code: number) => void): Command {
  const program = new Command('tenant-isolation')
    .description('Move Next.js route handlers from getServerSession to withTenantContext, and keep them there.')
    .version((require('../package.json') as { version: string }).version)
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: output.out, writeErr: output.err })
    .exitOverride()
    // `report merge … --format json`: options after a subcommand belong to it, not to `report`.
    .enablePositionalOptions();

  program
    .command('init')
    .description('Set up an app that has no tenant wrapper yet: the config, withTenantContext and its accessors, the ESLint plugin.')
    .argument('[dir]', 'the root of the Next.js app', '.')
    .option('--yes', 'write without asking')
    .option('--dry', 'print what it would write, and write nothing')
    .option('--force', 'replace a file that exists with other content (init never does otherwise)')
    .addHelpText(
      'after',
      '\nIt finds out what the app has (App Router or pages/api, NextAuth v4 or v5 and where its options are, the tsconfig\n' +
        'path alias, the package manager, the ESLint config, a wrapper or accessor already there), shows what it would\n' +
        'write, and asks. A second run changes nothing.\n' +
        '\nExamples:\n' +
        '  tenant-isolation init --dry    what it would write, as a diff\n' +
        '  tenant-isolation init --yes    write it, in a script\n',
    )
    .action(async (dir: string, flags) => setExit(await initCommand(dir, flags, output)));

  program
    .command('migrate')
    .description('Rewrite unmigrated route handlers to withTenantContext and write migration-report.{md,json}.')
    .argument('[targets...]', 'route files, directories or globs (relative to --root); default: every route file')
    .option('--root <dir>', 'the project root, where tenant-isolation.config.* lives', '.')
    .option('--batch <name>', 'migrate the files of a named batch from the config')
    .option('--limit <n>', 'only the next N route files that still have unmigrated handlers', positiveInteger)
    .option('--dry', 'write no source file; the report says what would change')
    .option('--print', 'print a unified diff of every file the run changes')
    .option('--force', 'rewrite files with uncommitted changes (or outside git)')
    .option('--workers <n>', `worker threads (default: ${defaultWorkers()})`, positiveInteger)
    .addOption(
      new Option('--on-unsafe <mode>', 'what to do with a handler whose session use cannot be rewritten safely')
        .choices(['skip', 'wrap-only'])
        .default('skip'),
    )
    .addOption(
      new Option(
        '--anonymous-response <who>',
        "who answers callers without a session where the handler's own answer differs from the wrapper's: keep the handler's (behind { requireAuth: false }), or let the wrapper answer, listed per handler in the report",
      )
        .choices(['keep', 'wrapper'])
        .default('keep'),
    )
    .option('--typecheck', 'keep only rewrites that add no TypeScript error anywhere in the project')
    .option(
      '--tsconfig <file>',
      "the tsconfig for --typecheck (default: <root>/tsconfig.json), also used to resolve imports for the coverage figures and re-exported handlers (default there: each file's nearest tsconfig.json)",
    )
    .option('--report-dir <dir>', 'where to write migration-report.md and .json (default: the root)')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  tenant-isolation migrate --batch A --dry --print   review batch A as a diff\n' +
        '  tenant-isolation migrate --batch A --typecheck     migrate batch A, keeping the build green\n' +
        '  tenant-isolation migrate app/api/payments --limit 10\n' +
        '\nExit codes:\n' +
        '  0  done\n' +
        '  1  a file could not be read or written (permissions, disk space); the others were migrated, the report lists it\n' +
        '  2  usage or configuration error; nothing was changed\n' +
        '  3  the codemod failed on a module (a bug: please report it); the others were migrated, the report lists it.\n' +
        '     Also any other unexpected error, printed with its stack\n',
    )
    .action(async (targets: string[], flags) => setExit(await migrateCommand(targets, flags, output)));

  const report = program
    .command('report')
    .enablePositionalOptions()
    .description('Scan the route handlers and report how far the migration to withTenantContext is; gate CI on it.')
    .argument('[dir]', 'the project root, where tenant-isolation.config.* lives', '.')
    .option('--format <formats>', `output formats, comma-separated or repeated: ${REPORT_FORMATS.join(', ')} (default: text)`, formats)
    .option('--out <dir>', 'where json, md, sarif and html files go (default: the scanned directory)')
    .option('--tsconfig <file>', "one tsconfig to resolve every import with (default: each file's nearest tsconfig.json or jsconfig.json)")
    .option('--min-coverage <percent>', "fail (exit 1) below this migration coverage (default: the config's report.failBelow)", percentage)
    .option(
      '--min-query-scoping <percent>',
      "fail (exit 1) below this share of Prisma queries on tenant-scoped models that are scoped to the verified tenant (default: the config's report.queryScopingFailBelow)",
      percentage,
    )
    .option('--baseline <file>', `fail (exit 1) when any handler went backwards, or a query is newly unscoped, since this baseline (with --update-baseline and no file: <dir>/${DEFAULT_BASELINE})`)
    .option('--update-baseline', 'write the baseline from this scan instead of comparing with it')
    .option('--shard <i/n>', 'scan only slice i of n (join the JSON reports with `report merge`)')
    .option('--discover', 'print the imported helpers that read the session, as an indirectSessionGetters snippet')
    .option('--all', 'text format: list every handler, not only those left to migrate')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  tenant-isolation report                                   the table, on a terminal\n' +
        '  tenant-isolation report --format md,html,sarif --out reports\n' +
        '  tenant-isolation report --baseline tenant-isolation-baseline.json --min-coverage 80\n' +
        '  tenant-isolation report --min-query-scoping 95               fail CI below 95% of queries scoped to the tenant\n' +
        '  tenant-isolation report --shard 2/4 --format json --out shard-2 && tenant-isolation report merge shard-*/tenant-isolation-report.json\n',
    )
    .action(async (dir: string, flags) => setExit(await reportCommand(dir, { ...flags, format: flags.format ?? ['text'] }, output)));

  report
    .command('merge')
    .description('Join the JSON reports of every shard into one report, then write formats and gate as `report` does.')
    .argument('<files...>', 'the JSON reports of the shards (written with --shard i/n --format json)')
    .option('--format <formats>', `output formats: ${REPORT_FORMATS.join(', ')} (default: text)`, formats)
    .option('--out <dir>', 'where json, md, sarif and html files go (default: the current directory)')
    .option('--min-coverage <percent>', 'fail (exit 1) below this migration coverage', percentage)
    .option('--min-query-scoping <percent>', 'fail (exit 1) below this share of tenant-scoped Prisma queries scoped to the verified tenant', percentage)
    .option('--baseline <file>', 'fail (exit 1) when any handler went backwards, or a query is newly unscoped, since this baseline')
    .option('--update-baseline', 'write the baseline from the merged report')
    .option('--all', 'text format: list every handler')
    .action(async (files: string[], flags) => setExit(await mergeCommand(files, { ...flags, format: flags.format ?? ['text'] }, output)));

  return program;
}

/**
 * Runs the command line; resolves to the exit code: 0 done, 1 a gate failed (or `migrate` could not read or write a
 * file), 2 usage or configuration error, 3 an unexpected error (or `migrate` failed on a module, after finishing the
 * others and writing its report).
 */
export async function main(argv: readonly string[], output: Output = processOutput()): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(output, (c) => {
    code = c;
  });
  try {
    await program.parseAsync([...argv]);
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof ConfigError || error instanceof UsageError || error instanceof ShardError || error instanceof BaselineError || error instanceof TsconfigError) {
      output.err(`${error.message}\n`);
      return EXIT.usage;
    }
    output.err(`tenant-isolation: unexpected error (please report it):\n${(error as Error).stack ?? String(error)}\n`);
    return EXIT.internal;
  }
}
