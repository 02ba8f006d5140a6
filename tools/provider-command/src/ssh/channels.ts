import type { Client, ClientChannel, SFTPWrapper } from 'ssh2';
import { ConnectionLostError } from './connection-pool';

// ssh2's words for "this connection is gone": thrown when the socket is closed, or given to requests
// still pending when it closes.
const LOST_CONNECTION = /^(Not connected|No response from server)$/;

function channelError(error: Error): Error {
  return LOST_CONNECTION.test(error.message) ? new ConnectionLostError(error.message) : error;
}

function open<T>(request: (callback: (error: Error | undefined, channel: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    try {
      request((error, channel) => (error ? reject(channelError(error)) : resolve(channel)));
    } catch (error) {
      reject(channelError(error as Error));
    }
  });
}

/** A session running `command`, without a terminal. */
export function execChannel(client: Client, command: string): Promise<ClientChannel> {
  return open((callback) => client.exec(command, callback));
}

export function sftpSession(client: Client): Promise<SFTPWrapper> {
  return open((callback) => client.sftp(callback));
}
