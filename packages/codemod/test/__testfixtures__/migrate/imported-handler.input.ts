import { listCustomerInvoices } from '@/lib/handlers/invoices';

export const GET = listCustomerInvoices;
