export { inRange, isAbsolutePath, isCidr4, isInterfaceName, isIpv4, isPort, knownValue, ValueSchemas } from './values';
export { assertValidArgs, InvalidArgumentsError, UserError } from './invalid-arguments';
