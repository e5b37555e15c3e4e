import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { CoreConnection } from './connection.js';
import './styles.css';

const connection = new CoreConnection();
connection.followMonitor();
connection.connect();
const root = document.getElementById('root');
if (root) createRoot(root).render(<App client={connection.client} />);
