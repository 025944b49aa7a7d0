import type { Report } from '../model';

export interface ReporterOptions {
  /** The wrapper the headline names: the first configured wrapper. Default `withTenantContext`. */
  wrapperName?: string;
  /** `text` only: ANSI colours. Off unless asked, so the same report always renders the same text. */
  color?: boolean;
  /** `text` only: list every handler, not only those with work left. */
  all?: boolean;
}

/** A pure function of the report: no I/O, no clock, no environment. The CLI decides where the string goes. */
export type Reporter = (report: Report, options?: ReporterOptions) => string;

export const DEFAULT_WRAPPER_NAME = 'withTenantContext';

export const wrapperNameOf = (options: ReporterOptions | undefined): string => options?.wrapperName ?? DEFAULT_WRAPPER_NAME;

/** Where the project's docs live; SARIF rules and the formats doc link here. */
export { REPOSITORY_URL } from '@tenant-isolation/core';
