import { createRoot } from 'react-dom/client';
import { FluentProvider, webLightTheme, Text } from '@fluentui/react-components';

function Pane() {
  return (
    <FluentProvider theme={webLightTheme}>
      <Text>Demo Data Studio</Text>
    </FluentProvider>
  );
}

const root = document.getElementById('root');
if (root) createRoot(root).render(<Pane />);
