// Opens a workspace as the app and the web server do (taking the workspace lock), prints READY and waits to be killed.
import { openAppWorkspace } from '../../electron/domain/backups/openAppWorkspace';

const ws = openAppWorkspace(process.argv[2], 'Partner Workbench (test holder)');
ws.sqlite.prepare("insert into settings (key, value) values ('test.holder', '1') on conflict (key) do nothing").run();
process.stdout.write('READY\n');
setInterval(() => undefined, 1000);
