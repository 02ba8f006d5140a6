export { KEEP_SDK_DEBUG_LOG, skipSdkDebugLog } from './sdk-debug-log';
