/** Entry of the renderer (Electron window and web studio alike). */
import '@xyflow/react/dist/style.css';
import './styles/app.css';
import { createRoot } from 'react-dom/client';
import { StrictMode } from 'react';
import { App } from './App.js';
import { getClient } from './api/index.js';
import { createEditor } from './app/editor.js';

const editor = createEditor({ client: getClient() });

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App editor={editor} />
  </StrictMode>,
);
