/** The pane: a header, tabs (a small state machine, no router) and the screen of the chosen tab. */
import { useState } from 'react';
import { Button, FluentProvider, MessageBar, MessageBarBody, Tab, TabList, Text, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import type { User } from '../../service/api/schemas/auth.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { DraftScreen } from '../screens/DraftScreen.tsx';
import { GenerateScreen } from '../screens/GenerateScreen.tsx';
import { InsightsScreen } from '../screens/InsightsScreen.tsx';
import { RunsScreen } from '../screens/RunsScreen.tsx';
import { SettingsScreen } from '../screens/SettingsScreen.tsx';
import { SetupScreen } from '../screens/SetupScreen.tsx';
import { SignInScreen } from '../screens/SignInScreen.tsx';
import { ValidateScreen } from '../screens/ValidateScreen.tsx';
import { ServicesContext, type PaneServices } from './services.ts';
import { useWorkbook } from './use-workbook.ts';

export type TabName = 'setup' | 'validate' | 'draft' | 'generate' | 'runs' | 'insights' | 'settings';

const TABS: { name: TabName; label: MessageKey; needsService: boolean }[] = [
  { name: 'setup', label: 'tabSetup', needsService: false },
  { name: 'validate', label: 'tabValidate', needsService: false },
  { name: 'draft', label: 'tabDraft', needsService: true },
  { name: 'generate', label: 'tabGenerate', needsService: true },
  { name: 'runs', label: 'tabRuns', needsService: true },
  { name: 'insights', label: 'tabInsights', needsService: true },
  { name: 'settings', label: 'tabSettings', needsService: true },
];

export function App({ services, notice }: { services: PaneServices; notice?: string }) {
  const { t } = services;
  const [user, setUser] = useState<User | null>(null);
  const [tab, setTab] = useState<TabName>('setup');
  const [insightsRun, setInsightsRun] = useState<string | null>(null);
  const workbook = useWorkbook(services.gateway);
  const current = TABS.find((x) => x.name === tab)!;

  const showInsights = (runId: string) => {
    setInsightsRun(runId);
    setTab('insights');
  };
  const signOut = () => {
    services.api.signOut();
    setUser(null);
  };

  let screen;
  if (current.needsService && !user) screen = <SignInScreen onSignedIn={setUser} />;
  else if (tab === 'setup') screen = <SetupScreen workbook={workbook} />;
  else if (tab === 'validate') screen = <ValidateScreen workbook={workbook} />;
  else if (tab === 'draft') screen = <DraftScreen workbook={workbook} />;
  else if (tab === 'generate') screen = <GenerateScreen workbook={workbook} onShowInsights={showInsights} />;
  else if (tab === 'runs') screen = <RunsScreen onShowInsights={showInsights} />;
  else if (tab === 'insights') screen = <InsightsScreen runId={insightsRun} onChooseRun={setInsightsRun} />;
  else screen = <SettingsScreen />;

  return (
    <FluentProvider theme={services.gateway.prefersDark() ? webDarkTheme : webLightTheme} style={{ minHeight: '100%' }}>
      <ServicesContext.Provider value={services}>
        <div style={{ display: 'flex', flexDirection: 'column', gap: 8, padding: 12 }}>
          <header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 8 }}>
            <Text as="h1" size={500} weight="semibold">{t('appTitle')}</Text>
            {user && (
              <span style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
                <Text size={200}>{t('signedInAs', { name: user.username })}</Text>
                <Button size="small" appearance="subtle" onClick={signOut}>{t('signOut')}</Button>
              </span>
            )}
          </header>
          {notice && (
            <MessageBar intent="info">
              <MessageBarBody>{notice}</MessageBarBody>
            </MessageBar>
          )}
          <TabList size="small" selectedValue={tab} onTabSelect={(_, data) => setTab(data.value as TabName)} style={{ flexWrap: 'wrap' }}>
            {TABS.map((x) => (
              <Tab key={x.name} value={x.name}>{t(x.label)}</Tab>
            ))}
          </TabList>
          <main>{screen}</main>
        </div>
      </ServicesContext.Provider>
    </FluentProvider>
  );
}
