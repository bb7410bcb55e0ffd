import '../../shared/ui/theme.css';
import './approval.css';
import { mount } from '../../shared/ui/mount.tsx';
import { ApprovalApp } from './ApprovalApp.tsx';

mount(<ApprovalApp />);
