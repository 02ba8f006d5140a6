import { StringDecoder } from 'node:string_decoder';

// A line this long is shown in pieces rather than buffered without bound (a progress bar without
// newlines, a minified file sent to stdout).
const MAX_LOGGED_LINE = 16 * 1024;

/**
 * Keeps one output stream of a command (stdout or stderr) and, when `onLine` is given, hands every
 * complete line to it as soon as it arrives, so that long commands show progress.
 */
export class OutputCapture {
  private readonly chunks: Buffer[] = [];
  private readonly decoder = new StringDecoder('utf8');
  private partialLine = '';

  constructor(private readonly onLine?: (line: string) => void) {}

  write(chunk: Buffer): void {
    this.chunks.push(chunk);
    if (!this.onLine) return;
    const lines = (this.partialLine + this.decoder.write(chunk)).split('\n');
    this.partialLine = lines.pop() ?? '';
    for (const line of lines) this.onLine(line);
    while (this.partialLine.length > MAX_LOGGED_LINE) {
      this.onLine(this.partialLine.slice(0, MAX_LOGGED_LINE));
      this.partialLine = this.partialLine.slice(MAX_LOGGED_LINE);
    }
  }

  /** The whole stream once it has ended, without its one trailing newline (as the upstream provider stores it). */
  text(): string {
    const rest = this.partialLine + (this.onLine ? this.decoder.end() : '');
    this.partialLine = '';
    if (this.onLine && rest) this.onLine(rest);
    const text = Buffer.concat(this.chunks).toString('utf8');
    return text.endsWith('\n') ? text.slice(0, -1) : text;
  }
}
