export function withTenantApi<T>(handler: T): T {
  return handler;
}
