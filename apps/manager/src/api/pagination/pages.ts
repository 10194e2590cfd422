import { NodeModel } from '../models/node.model';
import { ServiceModel } from '../models/service.model';
import { TaskModel } from '../models/task.model';
import { ApiTokenModel } from '../models/token.model';
import { UserModel } from '../models/user.model';
import { pageOf } from './page.model';

export const ServicePageModel = pageOf(ServiceModel, 'Service', 'by name');
export const NodePageModel = pageOf(NodeModel, 'Node', 'by hostname, then id');
export const TaskPageModel = pageOf(TaskModel, 'Task', 'by service name, slot, then oldest first');
export const ApiTokenPageModel = pageOf(ApiTokenModel, 'ApiToken', 'oldest first');
export const UserPageModel = pageOf(UserModel, 'User', 'by username');
