import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { loadInitialLanguage } from './i18n/i18n-provider.tsx';
import './global.css';

const language = await loadInitialLanguage();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App language={language} />
  </StrictMode>,
);
