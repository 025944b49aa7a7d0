import { withTenantContext } from '@/lib/api-wrapper';
import { getCurrentUser } from '@/lib/auth';

export default withTenantContext(async () => getCurrentUser());
