import { isOurServer, recordedServerPids } from './workspaces';

/** Stops any spec server a crashed worker left running (only processes this run started, checked by their command line). */
export default function globalTeardown(): void {
  for (const pid of recordedServerPids()) {
    if (isOurServer(pid)) process.kill(pid, 'SIGTERM');
  }
}
