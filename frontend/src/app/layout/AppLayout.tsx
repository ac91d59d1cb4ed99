import { AppShell, Anchor, Button, Container, Group, Text } from '@mantine/core';
import { Outlet, Link, useLocation, useNavigate } from 'react-router';
import { useMessages } from '../../i18n';
import { useSession } from '../../lib/auth/session';
import type { Role } from '../../lib/api/types';
import { useLogout } from '../../features/auth/api/logout';
import { useMe } from '../../lib/auth/me';
import { activeSection, type NavSection } from './activeNav';
import classes from './AppLayout.module.css';

interface NavItem extends NavSection {
  label: string;
  /** Shown only to users with one of these roles; everyone signed in if absent. */
  roles?: readonly Role[];
}

function MainNav() {
  const t = useMessages();
  const me = useMe();
  const items: NavItem[] = [
    { to: '/calls', label: t.nav.calls },
    { to: '/reviews', label: t.nav.reviews, roles: ['reviewer'] },
    { to: '/funding', label: t.nav.funding, roles: ['funder'], claims: /^\/calls\/[^/]+\/funding$/ },
    { to: '/me', label: t.nav.profile },
    { to: '/organisations', label: t.nav.organisations },
    { to: '/outbox', label: t.nav.outbox, roles: ['operator', 'admin'] },
    { to: '/admin/users', label: t.nav.adminUsers, roles: ['admin'] },
    { to: '/admin/audit', label: t.nav.audit, roles: ['admin'] },
  ];
  const roles = me.data?.roles ?? [];
  const visible = items.filter((item) => !item.roles || item.roles.some((r) => roles.includes(r)));
  const current = activeSection(useLocation().pathname, visible);
  return (
    <Group gap="xs" component="nav" aria-label="Main">
      {visible.map((item) => (
        <Link
          key={item.to}
          to={item.to}
          className={classes.link}
          aria-current={item.to === current ? 'page' : undefined}
        >
          {item.label}
        </Link>
      ))}
    </Group>
  );
}

function UserArea() {
  const t = useMessages();
  const me = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  return (
    <Group gap="sm">
      {me.data && (
        <Text size="sm" c="dimmed" visibleFrom="sm">
          {t.nav.signedInAs(me.data.full_name)}
        </Text>
      )}
      <Button
        variant="default"
        size="xs"
        loading={logout.isPending}
        onClick={() => {
          // mutateAsync: this component unmounts as soon as the session is cleared.
          void logout.mutateAsync().finally(() => void navigate('/login', { replace: true }));
        }}
      >
        {t.nav.signOut}
      </Button>
    </Group>
  );
}

export function AppLayout() {
  const t = useMessages();
  const { isSignedIn } = useSession();
  return (
    <AppShell header={{ height: 60 }} padding="md">
      <AppShell.Header>
        <Container size="lg" h="100%">
          <Group h="100%" justify="space-between" wrap="nowrap">
            <Group gap="lg" wrap="nowrap">
              <Anchor component={Link} to="/" fw={700} size="lg" underline="never">
                {t.app.name}
              </Anchor>
              {isSignedIn && <MainNav />}
            </Group>
            {isSignedIn ? (
              <UserArea />
            ) : (
              <Group gap="xs">
                <Button component={Link} to="/login" variant="subtle" size="xs">
                  {t.nav.signIn}
                </Button>
                <Button component={Link} to="/register" size="xs">
                  {t.nav.register}
                </Button>
              </Group>
            )}
          </Group>
        </Container>
      </AppShell.Header>
      <AppShell.Main>
        <Container size="lg">
          <Outlet />
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
