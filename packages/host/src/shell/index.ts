export { bashScript, shellQuote } from './script';
