import '@fontsource/atkinson-hyperlegible/latin-400.css';
import '@fontsource/atkinson-hyperlegible/latin-700.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { endSharedSignInWhenTabCloses } from './auth/sign-in';
import { startI18n } from './i18n/i18n';
import { startOutbox } from './live/outbox';

startI18n();
startOutbox();
endSharedSignInWhenTabCloses();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element to render the app into');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
