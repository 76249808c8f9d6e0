import net from 'node:net';
import { DeviceError } from '../../../errors.js';

/** Where the device is, and how it is named in messages. */
export interface DeviceAddress {
  readonly host: string;
  readonly port: number;
}

/** `Red Pitaya at rp-f0c38f.local:1001` */
export function deviceName({ host, port }: DeviceAddress): string {
  return `Red Pitaya at ${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** What a failed connect means to someone at the bench, from its error code. */
function describeConnectError(address: DeviceAddress, error: NodeJS.ErrnoException): DeviceError {
  const device = deviceName(address);
  const code = error.code ?? '';
  let message: string;
  if (code === 'ECONNREFUSED') {
    message = `${device} refused the connection (nothing listens on port ${address.port}): is the device on and its acquisition server running?`;
  } else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME' || code === 'EAI_FAIL') {
    message = `host '${address.host}' of the Red Pitaya not found (the name lookup failed: ${code}): check the ip config and the network`;
  } else if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
    message = `${device} cannot be reached (${code === 'EHOSTUNREACH' ? 'no route to the host' : 'no route to its network'}): check the ip config and the network`;
  } else if (code === 'ETIMEDOUT') {
    message = `${device} did not answer the connection (timed out): check that it is on and on this network`;
  } else {
    message = `cannot connect to ${device}: ${error.message}`;
  }
  return new DeviceError(message, { cause: error });
}

/**
 * Opens the TCP connection; the socket reads into `onread.buffer` and calls `onread.callback`
 * (no allocation per read). Rejects with a DeviceError that says what went wrong: refused, host
 * not found, unreachable, or no answer within `timeoutMs`.
 */
export function connectDevice(
  address: DeviceAddress,
  timeoutMs: number,
  onread: { buffer: Uint8Array; callback: (count: number) => boolean },
): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({
      host: address.host,
      port: address.port,
      noDelay: true,
      onread: { buffer: onread.buffer, callback: (count) => onread.callback(count) },
    });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new DeviceError(
          `${deviceName(address)} did not answer the connection within ${timeoutMs / 1000} s: check that it is on and on this network, and the ip config`,
        ),
      );
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      socket.destroy();
      reject(describeConnectError(address, error));
    });
  });
}
