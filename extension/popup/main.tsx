import '../shared/ui/theme.css';
import './popup.css';
import { mount } from '../shared/ui/mount.tsx';
import { App } from './App.tsx';

mount(<App />);
