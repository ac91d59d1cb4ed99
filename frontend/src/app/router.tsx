import { createBrowserRouter, type RouteObject } from 'react-router';
import { AppLayout } from './layout/AppLayout';
import { RequireAuth, RequireRole } from './guards';
import { AdminUsersRoute } from './routes/AdminUsersRoute';
import { ForgotPasswordRoute } from './routes/ForgotPasswordRoute';
import { HomeRoute } from './routes/HomeRoute';
import { LoginRoute } from './routes/LoginRoute';
import { NotFoundRoute } from './routes/NotFoundRoute';
import { OrganisationsRoute } from './routes/OrganisationsRoute';
import { ProfileRoute } from './routes/ProfileRoute';
import { RegisterRoute } from './routes/RegisterRoute';
import { ResetPasswordRoute } from './routes/ResetPasswordRoute';
import { VerifyEmailRoute } from './routes/VerifyEmailRoute';

/** Paths must stay in step with the links the server puts in emails. */
export const routes: RouteObject[] = [
  {
    element: <AppLayout />,
    children: [
      { index: true, element: <HomeRoute /> },
      { path: 'login', element: <LoginRoute /> },
      { path: 'register', element: <RegisterRoute /> },
      { path: 'verify-email', element: <VerifyEmailRoute /> },
      { path: 'forgot-password', element: <ForgotPasswordRoute /> },
      { path: 'reset-password', element: <ResetPasswordRoute /> },
      {
        element: <RequireAuth />,
        children: [
          { path: 'me', element: <ProfileRoute /> },
          { path: 'organisations', element: <OrganisationsRoute /> },
          {
            path: 'admin',
            element: <RequireRole role="admin" />,
            children: [{ path: 'users', element: <AdminUsersRoute /> }],
          },
        ],
      },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
