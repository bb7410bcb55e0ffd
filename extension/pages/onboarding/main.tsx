import '../../shared/ui/theme.css';
import { mount } from '../../shared/ui/mount.tsx';
import { Onboarding } from './Onboarding.tsx';

mount(<Onboarding />);
