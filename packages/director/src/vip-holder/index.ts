export { holdsVipTest } from './vip-holder';
