import type { HandlerAnalysis } from '@tenant-isolation/core';

/**
 * How a message names the handlers that reach a session call: `route handler 'GET'`, `route handlers 'GET' and
 * 'POST'`, `server action 'save'` (nobody calls server actions route handlers), with the same-file functions in
 * between when the call is in a helper (`(through loadInvoices() → tenantOf())`).
 */
export function describeHandlers(names: readonly string[], via: readonly string[], handlers: readonly HandlerAnalysis[]): string {
  return handlerList(names, new Set(handlers.map((h) => h.routeKind))) + (via.length > 0 ? ` (through ${via.map((v) => `${v}()`).join(' → ')})` : '');
}

function handlerList(names: readonly string[], kinds: ReadonlySet<HandlerAnalysis['routeKind']>): string {
  const actions = kinds.size === 1 && kinds.has('server-action');
  const noun = actions ? 'server action' : kinds.has('server-action') ? 'handler' : 'route handler';
  if (names.length === 1) return `${noun} '${names[0]}'`;
  const quoted = names.map((n) => `'${n}'`);
  return `${noun}s ${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
}
