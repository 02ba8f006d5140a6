export { inRange, isAbsolutePath, isCidr4, isInterfaceName, isIpv4, isPort, knownValue, ValueSchemas } from './values';
export { assertValidArgs, InvalidArgumentsError } from './invalid-arguments';
