import { lazyPage } from '../../routes/lazyPage';

export const CheckoutRoute = lazyPage(() => import('./CheckoutPage').then((m) => m.CheckoutPage), 'user');
export const OrderRoute = lazyPage(() => import('./OrderPage').then((m) => m.OrderPage), 'user');
export const MyPurchasesRoute = lazyPage(() => import('./MyPurchasesPage').then((m) => m.MyPurchasesPage), 'user');
export const AdminPaymentsRoute = lazyPage(() => import('./AdminPaymentsPage').then((m) => m.AdminPaymentsPage), 'admin');
export const InstructorRevenueRoute = lazyPage(() => import('./RevenueTable').then((m) => m.InstructorRevenuePage), 'user');
export const VouchersRoute = lazyPage(() => import('./VouchersPage').then((m) => m.VouchersPage), 'user');
