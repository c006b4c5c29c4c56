import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { SessionGate } from './auth/SessionGate';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element');
createRoot(root).render(
  <StrictMode>
    <SessionGate>{(user, signOut) => <App user={user} onSignOut={signOut} />}</SessionGate>
  </StrictMode>,
);
