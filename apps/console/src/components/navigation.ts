/**
 * The console's sections. Pages for capabilities the API does not have yet are listed
 * with `to: null` so the navigation already has their place; they become links as they land.
 */
export interface NavItem {
  label: string;
  to: string | null;
}

export interface NavGroup {
  label: string;
  items: NavItem[];
}

export const NAVIGATION: NavGroup[] = [
  {
    label: 'Cluster',
    items: [
      { label: 'Dashboard', to: '/' },
      { label: 'Nodes', to: '/nodes' },
      { label: 'Events', to: '/events' },
    ],
  },
  {
    label: 'Workloads',
    items: [
      { label: 'Services', to: '/services' },
      { label: 'Stacks', to: null },
      { label: 'Jobs', to: null },
    ],
  },
  {
    label: 'Configuration',
    items: [
      { label: 'Secrets', to: null },
      { label: 'Registries', to: null },
    ],
  },
  {
    label: 'Administration',
    items: [
      { label: 'Users', to: '/users' },
      { label: 'Settings', to: '/settings' },
    ],
  },
];
