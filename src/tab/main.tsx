import { createRoot } from 'react-dom/client';
import { AppShell } from '../components/AppShell';
import { TabApp } from '../features/app/TabApp';
import { detectHost } from '../hosts/detect';
import { readPageConfig } from '../lib/config';

const config = readPageConfig();
const host = await detectHost(config);
createRoot(document.getElementById('root')!).render(
  <AppShell host={host} title="Rapport">
    <TabApp host={host} />
  </AppShell>,
);
