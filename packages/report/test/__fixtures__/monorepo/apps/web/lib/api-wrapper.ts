export function withTenantContext<T>(handler: T): T {
  return handler;
}
