import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import { AppShell } from '../components/AppShell';
import { MeView } from '../features/me/MeView';
import { detectHost } from '../hosts/detect';
import { readPageConfig } from '../lib/config';

// The Outlook pane: a later issue adds the cards for a message's recipients.
const config = readPageConfig();
const host = await detectHost(config, window.self !== window.top, 'pane');
createRoot(document.getElementById('root')!).render(
  <AppShell host={host} title="Rapport for Outlook">
    <MessageBar intent="info">
      <MessageBarBody>Open an email to see your relationships with its recipients.</MessageBarBody>
    </MessageBar>
    <MeView host={host} />
  </AppShell>,
);
