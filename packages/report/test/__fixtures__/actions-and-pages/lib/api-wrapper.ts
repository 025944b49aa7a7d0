export function withTenantContext<T extends (...args: never[]) => Promise<unknown>>(fn: T): T {
  return fn;
}
