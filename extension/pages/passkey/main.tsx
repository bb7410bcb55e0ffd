import '../../shared/ui/theme.css';
import { mount } from '../../shared/ui/mount.tsx';
import { PasskeyPage } from './PasskeyPage.tsx';

const action = new URLSearchParams(location.search).get('action');
mount(<PasskeyPage action={action === 'export' || action === 'unlock' ? action : 'add'} />);
