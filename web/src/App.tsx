// The dashboard's frame: sign-in gate, navigation (campaigns, segments, maps, rules, customers and
// loyalty, campaign reports), the signed-in user, and the page the URL names.
import {
  AppShell,
  Avatar,
  Badge,
  Box,
  Group,
  Menu,
  NavLink,
  ScrollArea,
  Stack,
  Text,
  ThemeIcon,
  Title,
  UnstyledButton,
} from '@mantine/core';
import {
  IconAffiliate,
  IconChevronDown,
  IconDatabase,
  IconFilter,
  IconGift,
  IconLogout,
  IconShieldLock,
  IconSparkles,
  IconTag,
  IconTargetArrow,
  IconUser,
  IconUsersGroup,
  IconListCheck,
  IconMap2,
  IconDiscount2,
  IconReportAnalytics,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Loading } from './components/common.tsx';
import { AdminPage } from './pages/AdminPage.tsx';
import { CampaignsPage } from './pages/CampaignsPage.tsx';
import { CustomerPage, CustomersPage } from './pages/CustomersPage.tsx';
import { DataPage } from './pages/DataPage.tsx';
import { LoyaltyPage } from './pages/LoyaltyPage.tsx';
import { MapsPage } from './pages/MapsPage.tsx';
import { OffersPage } from './pages/OffersPage.tsx';
import { PromotionsPage } from './pages/PromotionsPage.tsx';
import { RecommendationsPage } from './pages/RecommendationsPage.tsx';
import { RulesPage } from './pages/RulesPage.tsx';
import { SegmentsPage } from './pages/SegmentsPage.tsx';
import { SignIn } from './pages/SignIn.tsx';
import { TorList } from './pages/TorList.tsx';
import { NewTorPage, TorPage } from './pages/TorPage.tsx';
import { href, type Route } from './lib/routes.ts';
import { useRoute } from './lib/useRoute.ts';
import { SessionProvider, useSession } from './session.tsx';

export function App() {
  return (
    <SessionProvider fallback={<Loading label="Starting…" h={400} />} signInPage={(s) => <SignIn signIn={s.signIn} />}>
      <Shell />
    </SessionProvider>
  );
}

interface NavItem {
  label: string;
  icon: ReactNode;
  route?: Route;
  pages?: Route['page'][];
  soon?: boolean;
  admin?: boolean;
}

const NAV: { section: string; items: NavItem[] }[] = [
  {
    section: 'Campaigns',
    items: [
      { label: 'TORs', icon: <IconTargetArrow size={18} />, route: { page: 'tors' }, pages: ['tors', 'tor', 'tor-new'] },
      { label: 'Offers', icon: <IconTag size={18} />, route: { page: 'offers' }, pages: ['offers'] },
      { label: 'Promotions', icon: <IconDiscount2 size={18} />, route: { page: 'promotions' }, pages: ['promotions'] },
      { label: 'Segments', icon: <IconFilter size={18} />, route: { page: 'segments' }, pages: ['segments'] },
      { label: 'Offer maps', icon: <IconMap2 size={18} />, route: { page: 'maps' }, pages: ['maps'] },
      { label: 'Rules', icon: <IconListCheck size={18} />, route: { page: 'rules' }, pages: ['rules'] },
      { label: 'Campaigns', icon: <IconReportAnalytics size={18} />, route: { page: 'campaigns' }, pages: ['campaigns'] },
    ],
  },
  {
    section: 'Customers',
    items: [
      { label: 'Customers', icon: <IconUsersGroup size={18} />, route: { page: 'customers' }, pages: ['customers', 'customer'] },
      { label: 'Recommendations', icon: <IconSparkles size={18} />, route: { page: 'recommendations' }, pages: ['recommendations'] },
      { label: 'Loyalty', icon: <IconGift size={18} />, route: { page: 'loyalty' }, pages: ['loyalty'] },
    ],
  },
  {
    section: 'Workspace',
    items: [
      { label: 'Data', icon: <IconDatabase size={18} />, route: { page: 'data' }, pages: ['data'] },
      { label: 'Admin', icon: <IconShieldLock size={18} />, route: { page: 'admin' }, pages: ['admin'], admin: true },
    ],
  },
];

function Shell() {
  const route = useRoute();
  const { session, signOut, may } = useSession();
  return (
    <AppShell navbar={{ width: 232, breakpoint: 0 }} header={{ height: 56 }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <a href={href({ page: 'tors' })} style={{ textDecoration: 'none', color: 'inherit' }} aria-label="nextbest home">
            <Group gap="xs">
              <ThemeIcon size={30} radius="md">
                <IconTargetArrow size={18} />
              </ThemeIcon>
              <Title order={4} fw={700}>
                nextbest
              </Title>
            </Group>
          </a>
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <UnstyledButton aria-label="Account menu" data-testid="account">
                <Group gap={8}>
                  <Avatar size={30} color="indigo" radius="xl">
                    {session!.actor.slice(0, 2).toUpperCase()}
                  </Avatar>
                  <Box>
                    <Text size="sm" fw={600} lh={1.1}>
                      {session!.actor}
                    </Text>
                    <Text size="xs" c="dimmed" lh={1.1}>
                      {session!.role}
                    </Text>
                  </Box>
                  <IconChevronDown size={14} />
                </Group>
              </UnstyledButton>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>
                Signed in as {session!.actor} ({session!.role})
              </Menu.Label>
              <Menu.Item leftSection={<IconLogout size={14} />} onClick={() => void signOut()}>
                Sign out
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm">
        <AppShell.Section grow component={ScrollArea}>
          <Stack gap="md" component="nav" aria-label="Main">
            {NAV.map((s) => (
              <Box key={s.section}>
                <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mb={4} lts={0.4}>
                  {s.section}
                </Text>
                {s.items
                  .filter((i) => !i.admin || may('admin'))
                  .map((i) =>
                    i.soon ? (
                      <NavLink
                        key={i.label}
                        label={i.label}
                        leftSection={i.icon}
                        disabled
                        className="nb-nav-soon"
                        rightSection={
                          <Badge size="xs" variant="light" color="gray">
                            soon
                          </Badge>
                        }
                        aria-label={`${i.label} (coming soon)`}
                      />
                    ) : (
                      <NavLink
                        key={i.label}
                        label={i.label}
                        leftSection={i.icon}
                        href={href(i.route!)}
                        active={!!i.pages?.includes(route.page)}
                      />
                    ),
                  )}
              </Box>
            ))}
          </Stack>
        </AppShell.Section>
        <AppShell.Section>
          <Group gap={6} px="sm" py={4}>
            <IconAffiliate size={14} color="var(--mantine-color-gray-6)" />
            <Text size="xs" c="dimmed">
              <a className="nb-link" href="/docs" target="_blank" rel="noreferrer">
                API docs
              </a>
            </Text>
          </Group>
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>
        <Box maw={1400} mx="auto">
          <Page route={route} />
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'tors':
      return <TorList />;
    case 'tor-new':
      return <NewTorPage />;
    case 'tor':
      return <TorPage key={route.id} id={route.id} tab={route.tab} />;
    case 'offers':
      return <OffersPage />;
    case 'segments':
      return <SegmentsPage id={route.id} />;
    case 'maps':
      return <MapsPage id={route.id} />;
    case 'rules':
      return <RulesPage />;
    case 'promotions':
      return <PromotionsPage />;
    case 'campaigns':
      return <CampaignsPage route={route} />;
    case 'loyalty':
      return <LoyaltyPage />;
    case 'recommendations':
      return <RecommendationsPage customer={route.customer} />;
    case 'customers':
      return <CustomersPage />;
    case 'customer':
      return <CustomerPage key={route.id} id={route.id} />;
    case 'data':
      return <DataPage />;
    case 'admin':
      return <AdminPage tab={route.tab} />;
    default:
      return (
        <Stack align="flex-start">
          <Title order={3}>Page not found</Title>
          <Text c="dimmed">
            Nothing at {route.path}.{' '}
            <a className="nb-link" href={href({ page: 'tors' })}>
              Back to the TORs
            </a>
          </Text>
          <IconUser size={1} />
        </Stack>
      );
  }
}
