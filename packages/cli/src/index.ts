import { ConfigError } from '@tenant-isolation/core';
import { UsageError } from '@tenant-isolation/codemod';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { defaultWorkers, migrateCommand } from './migrate-command';
import { processOutput, type Output } from './output';

export const EXIT = { ok: 0, gateFailed: 1, usage: 2, internal: 3 } as const;

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
    .exitOverride();

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
    .option('--typecheck', 'keep only rewrites that add no TypeScript error anywhere in the project')
    .option('--tsconfig <file>', 'the tsconfig for --typecheck (default: <root>/tsconfig.json)')
    .option('--report-dir <dir>', 'where to write migration-report.md and .json (default: the root)')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  tenant-isolation migrate --batch A --dry --print   review batch A as a diff\n' +
        '  tenant-isolation migrate --batch A --typecheck     migrate batch A, keeping the build green\n' +
        '  tenant-isolation migrate app/api/payments --limit 10\n',
    )
    .action(async (targets: string[], flags) => setExit(await migrateCommand(targets, flags, output)));

  return program;
}

/** Runs the command line; resolves to the exit code: 0 done, 1 a gate failed, 2 usage or configuration error. */
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
    if (error instanceof ConfigError || error instanceof UsageError) {
      output.err(`${error.message}\n`);
      return EXIT.usage;
    }
    output.err(`tenant-isolation: unexpected error (please report it):\n${(error as Error).stack ?? String(error)}\n`);
    return EXIT.internal;
  }
}
