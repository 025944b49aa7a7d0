export function requireTenantContext(): { tenantId: string; userId: string } {
  return { tenantId: 't', userId: 'u' };
}
