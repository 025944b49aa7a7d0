import * as path from 'node:path';
import { ADA, ADMIN_DASHBOARD_HANDLER_FIXTURES } from './admin-dashboard-requests';
import { SESSION_EXPIRES, type AppWorld, type SessionCase } from './differential';

const signedInAs = (role: string): SessionCase => ({
  label: `signed in as ${role} (right cookie)`,
  kind: 'signed-in',
  cookie: 'right',
  session: { user: { ...ADA, role }, expires: SESSION_EXPIRES },
});

/**
 * The roles src/lib/permissions.ts knows, chosen so that each permission check is taken both ways: OWNER holds every
 * permission, ADMIN every one but billing:manage (and is refused where a handler wants the owner), BILLING holds
 * billing:manage without being an admin, MEMBER lacks most; a session without a role is refused everywhere.
 */
const ADMIN_DASHBOARD_SESSION_CASES: readonly SessionCase[] = [
  { label: 'anonymous', kind: 'anonymous', cookie: 'none', session: null },
  signedInAs('OWNER'),
  signedInAs('ADMIN'),
  signedInAs('BILLING'),
  signedInAs('MEMBER'),
  {
    label: 'signed in (email and name null, no role, right cookie)',
    kind: 'signed-in',
    cookie: 'right',
    session: { user: { id: ADA.id, tenantId: ADA.tenantId, email: null, name: null }, expires: SESSION_EXPIRES },
  },
  { label: 'signed in as OWNER (cookie for another tenant)', kind: 'wrong-tenant', cookie: 'wrong', session: signedInAs('OWNER').session },
  { label: 'signed in as OWNER (no tenant cookie)', kind: 'wrong-tenant', cookie: 'none', session: signedInAs('OWNER').session },
  {
    label: 'signed in without a tenant (right cookie)',
    kind: 'no-tenant-in-session',
    cookie: 'right',
    session: { user: { id: ADA.id, email: ADA.email, name: ADA.name, role: 'OWNER' }, expires: SESSION_EXPIRES },
  },
];

/**
 * fixtures/admin-dashboard (src/ layout, `@/*` → `./src/*`): its wrappers, its class-based tenant context, the
 * cookie signing the wrappers verify with, the session reader, and the modules that only compute (the permission
 * table, request validation, error and pagination helpers, fixed catalogues) run for real; everything else is
 * recorded, answering as admin-dashboard-requests.ts says.
 */
export const ADMIN_DASHBOARD_WORLD: AppWorld = {
  root: path.resolve(__dirname, '../../../../fixtures/admin-dashboard'),
  runsForReal: {
    '@/lib/api-wrapper': 'src/lib/api-wrapper.ts',
    '@/lib/tenant-context': 'src/lib/tenant-context.ts',
    // The wrappers check the tenant_sig cookie with it: recorded, it would refuse every cookie.
    '@/lib/tenant-signature': 'src/lib/tenant-signature.ts',
    '@/lib/permissions': 'src/lib/permissions.ts',
    // Recorded, getCurrentUser would hand every caller, anonymous ones too, a user.
    '@/lib/session': 'src/lib/session.ts',
    // What decides between a handler's 400 and its success path: recorded, every body would pass and every answer would be a recorder.
    '@/lib/validation': 'src/lib/validation.ts',
    '@/lib/http': 'src/lib/http.ts',
    '@/lib/email-templates': 'src/lib/email-templates.ts',
    '@/lib/onboarding': 'src/lib/onboarding.ts',
    '@/features/crm/lib/contacts': 'src/features/crm/lib/contacts.ts',
  },
  wrappers: { from: '@/lib/api-wrapper', appRouter: 'withTenantContext', pages: 'withTenantApiRoute' },
  cookieSigner: { file: 'src/lib/tenant-signature.ts', exportName: 'signTenantId' },
  secretVariable: 'TENANT_SIGNING_SECRET',
  auth: { from: '@/lib/auth', options: 'authOptions', otherOptions: ['adminAuthOptions'] },
  tenants: { right: ADA.tenantId, wrong: 'tnt_globex' },
  sessionCases: ADMIN_DASHBOARD_SESSION_CASES,
  handlerFixtures: ADMIN_DASHBOARD_HANDLER_FIXTURES,
};
