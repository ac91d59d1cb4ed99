import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { restoreSession } from './lib/auth/sessionSync';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// The access token lives in memory: a reload asks for one with the refresh cookie.
void restoreSession();

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
