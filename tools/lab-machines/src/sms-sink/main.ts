// Entry point of the SMS sink daemon: main.ts HOST PORT RECORDS_FILE
import { createSmsSink } from './sms-sink';

const [host, port, recordsFile] = process.argv.slice(2);
createSmsSink(recordsFile).listen(Number(port), host, () => {
  console.log(`sms sink on http://${host}:${port}/, recording to ${recordsFile}`);
});
process.on('SIGTERM', () => process.exit(0));
